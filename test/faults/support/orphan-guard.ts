/**
 * Preloaded into every child process of the fault suite: relays and workers run until signalled,
 * so if the test process dies without its after hooks (killed, interrupted), they exit on their
 * own instead of lingering against the shared Redis and PostgreSQL.
 */
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(1);
}, 500).unref();
