/* Measurement aid for bench/README.md (issue 12), not part of any build: oneMKL, linked into libtorch_cpu.so, asks
 * mkl_serv_intel_cpu_true() whether the CPU is an Intel one and, on other vendors (this AMD EPYC), takes a slower
 * code path for SGEMM. Preloading this answer measures what that path costs:
 *   cc -shared -fPIC -O2 -o /tmp/libmkl_intel_codepath.so bench/mkl_intel_codepath.c
 *   LD_PRELOAD=/tmp/libmkl_intel_codepath.so dotnet .../autolr-bench.dll recall ...
 * MKL then picks kernels by the instruction sets the CPU reports (AVX-512 here), as it does on Intel CPUs. */
int mkl_serv_intel_cpu_true(void) { return 1; }
