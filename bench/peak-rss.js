// Preloaded (node --require) by bench/sizes.bench.ts into a command it times: at exit, the
// process's peak resident memory (the kernel's figure, getrusage) on stderr, as its last line.
process.on("exit", () => {
  process.stderr.write(`\npeak-rss-kb ${process.resourceUsage().maxRSS}\n`);
});
