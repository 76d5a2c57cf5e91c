// The deploy benchmark's cluster, in a process of its own: the fake Kubernetes API server of
// the tests with the operator autopilot taking every applied job to RUNNING after a fixed wait.
// Apart from the benchmark so that the CPU the fake spends (TLS, validation against the CRDs,
// watch streams) is not counted as StreamPilot's.
//
// Prints `{"url","caPem","token"}` as one line when ready; then answers each `stats` line on
// stdin with the requests served so far, and exits when stdin closes.
import { createInterface } from 'node:readline';
import { startFakeKube } from '../test/support/fake-kube/fake-kube.js';
import { startOperatorAutopilot } from '../test/support/fake-kube/operator-autopilot.js';

export interface FakeKubeStats {
  requests: number;
  /** Writes: POST, PUT, PATCH, DELETE. */
  writes: number;
  watches: number;
  /** CPU (user + system) of this process so far, ms. */
  cpuMs: number;
}

const stepMs = Number(process.argv[2] ?? 100);
const fake = await startFakeKube();
const autopilot = startOperatorAutopilot(fake, { stepMs });
process.stdout.write(`${JSON.stringify({ url: fake.url, caPem: fake.caPem, token: fake.token })}\n`);

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line.trim() !== 'stats') return;
  const cpu = process.cpuUsage();
  const stats: FakeKubeStats = {
    requests: fake.requests.length,
    writes: fake.writes().length,
    watches: fake.requests.filter((r) => r.query.watch === 'true' || r.query.watch === '1').length,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
  process.stdout.write(`${JSON.stringify(stats)}\n`);
});
lines.on('close', () => {
  autopilot.stop();
  void fake.close().finally(() => process.exit(0));
});
