import { once } from "node:events";
import { createServer, type AddressInfo } from "node:net";

/** A loopback port nothing listens on (it was free a moment ago), for refused connections. */
export async function closedPort(): Promise<number> {
  const probe = createServer().listen(0, "127.0.0.1");
  await once(probe, "listening");
  const { port } = probe.address() as AddressInfo;
  probe.close();
  await once(probe, "close");
  return port;
}
