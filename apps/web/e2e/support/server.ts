/**
 * Starts recflow through the server's own test harness (a cloned database, a Redis prefix, a
 * loopback port). The harness is loaded at run time and only the part used here is typed: its
 * api-client.ts does not type-check under strict settings (the server's tsconfig leaves `test/`
 * out), and a static import would pull it into this package's typecheck.
 */
export interface TestServer {
  url: string;
  close(): Promise<void>;
}

interface Harness {
  startTestApp(overrides: { STREAMQ_URL: string; HTTP_TIMEOUT_MS?: number }): Promise<TestServer>;
}

const HARNESS = '../../../server/test/support/test-app';

export async function startServer(streamqUrl: string): Promise<TestServer> {
  const { startTestApp } = (await import(/* @vite-ignore */ HARNESS)) as Harness;
  return startTestApp({ STREAMQ_URL: streamqUrl, HTTP_TIMEOUT_MS: 1_000 });
}
