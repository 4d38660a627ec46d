// The part of autocannon 8's API the benchmarks use (the package ships no types).
declare module "autocannon" {
  namespace autocannon {
    interface Options {
      url: string;
      method?: string;
      headers?: Record<string, string>;
      body?: string;
      connections?: number;
      pipelining?: number;
      duration?: number;
      /** Requests per second over all connections. */
      overallRate?: number;
      /** At most this many requests in all (split evenly over the connections), still within
       * `duration`: the run ends early when every connection has sent its share. */
      maxOverallRequests?: number;
      /** Per-request rewriting (a new body or headers for each request). */
      requests?: { setupRequest?: (req: { method?: string; headers?: Record<string, string>; body?: string; path?: string }) => { method?: string; headers?: Record<string, string>; body?: string; path?: string } }[];
    }
    interface Histogram {
      average: number;
      p50: number;
      p99: number;
      total: number;
    }
    interface Result {
      duration: number;
      "2xx": number;
      non2xx: number;
      errors: number;
      timeouts: number;
      latency: Histogram;
      requests: Histogram;
      statusCodeStats: Record<string, { count: number }>;
    }
  }
  function autocannon(options: autocannon.Options): Promise<autocannon.Result>;
  export default autocannon;
}
