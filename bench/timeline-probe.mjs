/**
 * Preloaded into a `turncoat run` process by bench/timeline.ts (`node --import`): samples the
 * main thread every 50 ms (event-loop utilisation, the longest stall of a 5 ms ticker, CPU)
 * and writes them with the process's start and exit times (epoch ms) to $TURNCOAT_TIMELINE.
 * Plain JavaScript, so it adds no TypeScript loader to the process it measures.
 */
import { subscribe } from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const file = process.env.TURNCOAT_TIMELINE;
const origin = performance.timeOrigin;
const loaded = origin + performance.now();
const windows = [];
// Each model call from the client's side: created (queued in undici) and headers received.
const created = [];
const headers = [];
const now = () => origin + performance.now();
// The process's CPU (every thread) when the first call was created: the start-up's CPU.
let firstCallCpuMs;
// Per call: ms from created to its body handed to the socket (undici's queue, connecting).
const createdAt = new WeakMap();
const queued = [];
subscribe('undici:request:create', ({ request }) => {
  createdAt.set(request, performance.now());
  if (firstCallCpuMs === undefined) {
    const { user, system } = process.cpuUsage();
    firstCallCpuMs = (user + system) / 1000;
  }
  created.push(now());
});
subscribe('undici:request:headers', () => headers.push(now()));
// When each call's body was handed to its socket, and each new connection.
const bodySent = [];
let connections = 0;
subscribe('undici:request:bodySent', ({ request }) => {
  bodySent.push(now());
  const at = createdAt.get(request);
  if (at !== undefined) queued.push(performance.now() - at);
});
subscribe('undici:client:connected', () => connections++);
// Calls that failed before an answer (refused, reset, aborted), by message.
const errors = {};
const failed = [];
subscribe('undici:request:error', ({ error }) => {
  failed.push(now());
  const message = String(error?.code ?? error?.message ?? error);
  errors[message] = (errors[message] ?? 0) + 1;
});
let elu = performance.eventLoopUtilization();
let cpu = process.cpuUsage();
let maxStall = 0;
let expected = performance.now() + 5;
setInterval(() => {
  const now = performance.now();
  maxStall = Math.max(maxStall, now - expected);
  expected = now + 5;
}, 5).unref();
setInterval(() => {
  const nextElu = performance.eventLoopUtilization();
  const nextCpu = process.cpuUsage();
  windows.push({
    at: origin + performance.now(),
    elu: performance.eventLoopUtilization(nextElu, elu).utilization,
    stallMs: maxStall,
    cpuMs: (nextCpu.user + nextCpu.system - cpu.user - cpu.system) / 1000,
  });
  elu = nextElu;
  cpu = nextCpu;
  maxStall = 0;
}, 50).unref();
process.on('exit', () => {
  if (file)
    writeFileSync(
      file,
      JSON.stringify({
        origin,
        loaded,
        exit: now(),
        cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
        firstCallCpuMs,
        windows,
        errors,
        failed,
        created,
        headers,
        bodySent,
        queued,
        connections,
      }),
    );
});
