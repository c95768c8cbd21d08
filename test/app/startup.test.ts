import { afterNextPaint, RENDER_WAIT_MS, settledWithin } from "../../src/app/startup";

describe("settledWithin (render once the record is in, but never wait long)", () => {
  afterEach(() => jest.useRealTimers());

  it("gives the value when the work succeeds in time", async () => {
    await expect(settledWithin(Promise.resolve(42))).resolves.toBe(42);
  });

  it("gives null when the work fails, leaving the failure to the caller", async () => {
    const work = Promise.reject(new Error("storage refused"));
    await expect(settledWithin(work)).resolves.toBeNull();
    await expect(work).rejects.toThrow("storage refused");
  });

  it(`gives null after ${RENDER_WAIT_MS} ms when the work is still running`, async () => {
    jest.useFakeTimers();
    let finish: (v: string) => void = () => undefined;
    const work = new Promise<string>((resolve) => (finish = resolve));
    const outcome = settledWithin(work);
    jest.advanceTimersByTime(RENDER_WAIT_MS - 1);
    let settled = false;
    void outcome.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    jest.advanceTimersByTime(1);
    await expect(outcome).resolves.toBeNull();
    finish("late");
    await expect(work).resolves.toBe("late");
  });
});

describe("afterNextPaint", () => {
  it("waits for the next animation frame and then a task; without frames, a task", async () => {
    const order: string[] = [];
    const frames: (() => void)[] = [];
    const g = globalThis as { requestAnimationFrame?: (cb: () => void) => number };
    g.requestAnimationFrame = (cb) => frames.push(cb);
    try {
      const painted = afterNextPaint().then(() => order.push("painted"));
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(order).toEqual([]); // no frame yet
      order.push("frame");
      frames.shift()?.();
      await painted;
      expect(order).toEqual(["frame", "painted"]);
    } finally {
      delete g.requestAnimationFrame;
    }
    await expect(afterNextPaint()).resolves.toBeUndefined();
  });
});
