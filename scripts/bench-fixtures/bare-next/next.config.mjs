/** The baseline the benchmarks compare the site against: a bare static-export page with one XState component. */
const config = { output: "export", images: { unoptimized: true } };

export default config;
