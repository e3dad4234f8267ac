/**
 * A `Callback` across threads. Internal.
 *
 * The caller names each `Callback` of a call by an id (the wire codec cannot
 * carry one); on the IO Worker a {@linkcode _RemoteCallback} stands in for it
 * and sends each update back as an event, `[id, method, ...args]`, which
 * {@linkcode _applyEvent} applies to the caller's own callback. A branch gets
 * an id of its own, chosen on the Worker.
 *
 * @module
 */

import { Callback } from "./callbacks.ts";

/** An update of a callback, as it crosses: `[callbackId, method, ...args]`. */
export type _CallbackEvent = [number, string, ...unknown[]];

/** A `Callback` on the Worker whose updates reach the caller's callback. */
export class _RemoteCallback extends Callback {
  #children = 0;
  /**
   * @param id The id the caller gave its callback.
   * @param send Sends an event to the caller.
   */
  constructor(
    readonly id: number,
    readonly send: (event: _CallbackEvent) => void,
  ) {
    super();
  }
  override setSize(size: number | null): void {
    this.size = size;
    this.send([this.id, "setSize", size]);
  }
  override absoluteUpdate(value: number): void {
    this.value = value;
    this.send([this.id, "absoluteUpdate", value]);
  }
  override relativeUpdate(inc = 1): void {
    this.value += inc;
    this.send([this.id, "relativeUpdate", inc]);
  }
  override call(): void {}
  override branched(path1: string, path2: string): Callback {
    const child = -(this.id * 1000 + ++this.#children);
    this.send([this.id, "branched", child, path1, path2]);
    return new _RemoteCallback(child, this.send);
  }
}

/**
 * The caller's encode hook for callbacks: each gets a fresh id, kept with it
 * in `callbacks` for {@linkcode _applyEvent}.
 * @param callbacks A call's callbacks, by id.
 * @param nextId Gives a fresh id.
 * @returns The hook.
 */
export function _callbackIds(
  callbacks: Map<number, Callback>,
  nextId: () => number,
): (cb: Callback) => number {
  return (cb) => {
    const cid = nextId();
    callbacks.set(cid, cb);
    return cid;
  };
}

/**
 * Apply an event from the Worker to the caller's callback (a branch is kept
 * under the id the Worker gave it).
 * @param callbacks A call's callbacks, by id.
 * @param event The event.
 */
export function _applyEvent(
  callbacks: Map<number, Callback>,
  [cid, method, ...args]: _CallbackEvent,
): void {
  const cb = callbacks.get(cid);
  if (!cb) return;
  if (method === "branched") {
    const [child, p1, p2] = args as [number, string, string];
    callbacks.set(child, cb.branched(p1, p2));
  } else if (method === "setSize") cb.setSize(args[0] as number | null);
  else if (method === "absoluteUpdate") cb.absoluteUpdate(args[0] as number);
  else if (method === "relativeUpdate") cb.relativeUpdate(args[0] as number);
}
