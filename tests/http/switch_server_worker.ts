/**
 * Runs a {@linkcode SwitchServer} in a Worker, so that a blocking
 * filesystem on the main thread (which sleeps while its IO Worker fetches)
 * has a server that still answers. Messages: `{ files }` starts it and
 * answers `{ url }`; `{ switches }` sets them and answers `{}`;
 * `{ requests: true }` answers `{ requests }`; `{ close: true }` stops it
 * and answers `{}`.
 *
 * @module
 */

/// <reference lib="deno.worker" />

import {
  type SeenRequest,
  type Switches,
  SwitchServer,
} from "./switch_server.ts";

let server: SwitchServer | undefined;

self.onmessage = async (event: MessageEvent) => {
  const msg = event.data as {
    files?: Record<string, Uint8Array>;
    switches?: Switches;
    requests?: boolean;
    close?: boolean;
  };
  if (msg.files) {
    server = new SwitchServer(msg.files);
    self.postMessage({ url: server.url });
  } else if (msg.switches) {
    server!.switches = msg.switches;
    self.postMessage({});
  } else if (msg.requests) {
    const requests: SeenRequest[] = server!.requests.splice(0);
    self.postMessage({ requests });
  } else if (msg.close) {
    await server?.close();
    self.postMessage({});
  }
};
