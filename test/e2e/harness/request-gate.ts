/**
 * A loopback HTTP forwarder in front of the emulator that sees every request as it arrives and can hold one:
 * a held request never reaches the emulator and is never answered. The crash test points the provider at it
 * to stop a job at an exact point (e.g. the second upload) and kill the provider there; the emulator's own
 * request log then holds exactly what the job did before.
 */
import { createServer, request as forward, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface SeenRequest {
  method: string;
  /** Path without the query. */
  path: string;
}
export type Verdict = "forward" | "hold";

export interface RequestGate {
  /** `http://127.0.0.1:<port>`: use it as the org URL. */
  readonly url: string;
  /** Decides per request, before anything reaches the emulator. @default forward everything */
  inspect: (request: SeenRequest) => Verdict;
  close(): Promise<void>;
}

export async function startRequestGate(targetUrl: string): Promise<RequestGate> {
  const target = new URL(targetUrl);
  const held = new Set<IncomingMessage>();
  const gate: RequestGate = {
    url: "",
    inspect: () => "forward",
    close: async () => {
      for (const req of held) req.socket.destroy();
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
    },
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? "/", "http://gate.invalid").pathname;
    if (gate.inspect({ method: req.method ?? "GET", path }) === "hold") {
      held.add(req);
      req.socket.once("close", () => held.delete(req));
      return;
    }
    const upstream = forward(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    // The provider was killed mid-request: drop the forwarded half too.
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", () => done()));
  const { port } = server.address() as AddressInfo;
  return Object.assign(gate, { url: `http://127.0.0.1:${port}` });
}
