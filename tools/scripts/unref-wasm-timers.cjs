// Preload for the Prisma CLI only: its Wasm schema engine leaves a 10 s (deploy) or 60 s (dev) timer
// behind after the work is done. Unref long timers created from wasm code so the CLI exits at once.
const original = global.setTimeout;
global.setTimeout = function patchedSetTimeout(fn, ms, ...args) {
  const timer = original(fn, ms, ...args);
  if (typeof ms === 'number' && ms >= 5000 && /wasm:\/\//.test(new Error().stack || '')) timer.unref?.();
  return timer;
};
