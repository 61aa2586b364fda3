import { createServer, request } from "node:http";
import { connect, type Socket } from "node:net";

/** A forward proxy on loopback that records what it was asked to carry. */
export interface TestProxy {
  /** `http://127.0.0.1:PORT`, for `http_proxy` / `https_proxy`. */
  url: string;
  /** `host:port` of each CONNECT tunnel opened. */
  tunnels: string[];
  /** `METHOD absolute-URI` of each request forwarded in the plain-HTTP proxy form. */
  forwarded: string[];
  close(): Promise<void>;
}

const LOOPBACK = "127.0.0.1";

/**
 * Starts a proxy that speaks both forms a client may use: CONNECT tunnels and absolute-URI
 * requests (`GET http://host/path`). It only reaches 127.0.0.1, so a test can never send
 * anything off the machine; any other target is refused with 403.
 */
export async function startProxy(): Promise<TestProxy> {
  const tunnels: string[] = [];
  const forwarded: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    forwarded.push(`${req.method} ${req.url}`);
    const target = URL.canParse(req.url ?? "") ? new URL(req.url!) : undefined;
    if (target?.hostname !== LOOPBACK) {
      res.writeHead(403).end();
      return;
    }
    const upstream = request(
      {
        host: LOOPBACK,
        port: target.port,
        method: req.method,
        path: `${target.pathname}${target.search}`,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  server.on("connect", (req, client: Socket, head: Buffer) => {
    tunnels.push(req.url ?? "");
    const [host, port] = (req.url ?? "").split(":");
    client.on("error", () => client.destroy());
    if (host !== LOOPBACK) {
      client.end("HTTP/1.1 403 Forbidden\r\n\r\n");
      return;
    }
    const upstream = connect(Number(port), LOOPBACK, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on("error", () => client.destroy());
    client.on("close", () => upstream.destroy());
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://${LOOPBACK}:${port}`,
    tunnels,
    forwarded,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
