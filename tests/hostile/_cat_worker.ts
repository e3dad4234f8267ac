// An application's Worker with its own blocking HTTP filesystem: it runs a
// blocking `cat` of the URLs it is sent and posts back how many bodies
// were right, and the first wrong one.
import { filesystem } from "../../mod.ts";
import { bodyOf } from "./_raw_server.ts";

const scope = self as unknown as {
  onmessage: (event: MessageEvent) => void;
  postMessage(message: unknown): void;
  close(): void;
};

scope.onmessage = async (event: MessageEvent<{ urls: string[] }>) => {
  const fs = await filesystem("http", { skipInstanceCache: true });
  try {
    const got = fs.cat(event.data.urls) as Map<string, Uint8Array | Error>;
    let right = 0;
    let wrong: string | null = null;
    for (const url of event.data.urls) {
      const value = got.get(url);
      const text = value instanceof Uint8Array
        ? new TextDecoder().decode(value)
        : String(value);
      if (text === bodyOf(new URL(url).pathname)) right++;
      else wrong ??= `${url}: ${text}`;
    }
    scope.postMessage({ right, wrong });
  } catch (error) {
    scope.postMessage({ right: 0, wrong: String(error) });
  } finally {
    fs.close();
  }
};
