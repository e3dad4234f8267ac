// Runs the drip server in a Worker, for blocking calls of the main thread
// (which sleeps while they run); posts its URL. The server stops when the
// Worker is terminated.
import { dripServer } from "./_drip_server.ts";

const server = dripServer();
(self as unknown as { postMessage(m: unknown): void }).postMessage(server.url);
