/*
 * What a plain C loop reads from this machine's memory: one-hot pooled lookups (one id per bag, batch 2048) over
 * a table laid out as Ember's (rows ROW_ORIGIN = 48 bytes into a 2 MB-aligned block, FP32 rows of 4 * dim bytes,
 * INT8 rows of [fp32 scale][fp32 bias][dim codes]), on the ids file the harness writes (IdStreams). It is the
 * reference the engine's figures are read against on a VM whose memory speed changes from process to process
 * (docs/engine.md section 6, "Memory per process"): run it next to each Ember process, several times.
 *
 *   gcc -O3 -march=native -o /tmp/c_gather benchmarks/peers/c_gather.c
 *   /tmp/c_gather IDS_FILE ROWS DIM fp32|int8 [prefetch_distance ...]
 *
 * Each prefetch distance (0 = none; FBGEMM's kernels prefetch rows a few lookups ahead with prefetcht0) is one
 * variant; rounds of 0.4 s alternate between the variants in this one process, so all see the same memory; prints
 * each variant's best round in M lookups per second. Needs AVX-512 (the engine's kernels do too).
 */
#include <immintrin.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#define BATCH 2048
#define ROW_ORIGIN 48
#define MAX_VARIANTS 8
#define ROUNDS_PER_VARIANT 6

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static void prefetch_row(const char *row, size_t stride) {
    for (size_t line = 0; line < stride; line += 64) {
        _mm_prefetch(row + line, _MM_HINT_T0);
    }
    _mm_prefetch(row + stride - 1, _MM_HINT_T0);
}

static void pool_fp32(const char *table, const int *ids, int dim, int distance, float *out) {
    size_t stride = (size_t) dim * 4;
    for (int i = 0; i < BATCH; i++) {
        if (distance > 0 && i + distance < BATCH) {
            prefetch_row(table + (size_t) ids[i + distance] * stride, stride);
        }
        const float *row = (const float *) (table + (size_t) ids[i] * stride);
        for (int d = 0; d < dim; d += 16) {
            _mm512_storeu_ps(out + (size_t) i * dim + d, _mm512_loadu_ps(row + d));
        }
    }
}

static void pool_int8(const char *table, const int *ids, int dim, int distance, float *out) {
    size_t stride = 8 + (size_t) dim;
    for (int i = 0; i < BATCH; i++) {
        if (distance > 0 && i + distance < BATCH) {
            prefetch_row(table + (size_t) ids[i + distance] * stride, stride);
        }
        const char *row = table + (size_t) ids[i] * stride;
        float scale_bias[2];
        memcpy(scale_bias, row, 8);
        __m512 scale = _mm512_set1_ps(scale_bias[0]);
        __m512 bias = _mm512_set1_ps(scale_bias[1]);
        for (int d = 0; d < dim; d += 16) {
            __m512 codes = _mm512_cvtepi32_ps(_mm512_cvtepu8_epi32(_mm_loadu_si128((const __m128i *) (row + 8 + d))));
            _mm512_storeu_ps(out + (size_t) i * dim + d, _mm512_add_ps(_mm512_mul_ps(codes, scale), bias));
        }
    }
}

int main(int argc, char **argv) {
    if (argc < 5) {
        fprintf(stderr, "usage: c_gather IDS_FILE ROWS DIM fp32|int8 [prefetch_distance ...]\n");
        return 2;
    }
    long rows = atol(argv[2]);
    int dim = atoi(argv[3]);
    int int8 = strcmp(argv[4], "int8") == 0;
    if (rows <= 0 || dim <= 0 || dim % 16 != 0 || (!int8 && strcmp(argv[4], "fp32") != 0)) {
        fprintf(stderr, "c_gather: ROWS must be > 0, DIM a multiple of 16, format fp32 or int8; got %s %s %s\n",
                argv[2], argv[3], argv[4]);
        return 2;
    }
    int distances[MAX_VARIANTS] = {0};
    int variants = argc > 5 ? argc - 5 : 1;
    if (variants > MAX_VARIANTS) {
        fprintf(stderr, "c_gather: at most %d prefetch distances, got %d\n", MAX_VARIANTS, variants);
        return 2;
    }
    for (int v = 0; v < variants && argc > 5; v++) {
        distances[v] = atoi(argv[5 + v]);
    }

    FILE *file = fopen(argv[1], "rb");
    if (file == NULL) {
        perror(argv[1]);
        return 2;
    }
    fseek(file, 0, SEEK_END);
    long count = ftell(file) / 4;
    fseek(file, 0, SEEK_SET);
    int *ids = malloc(count * 4);
    if (count < BATCH || fread(ids, 4, count, file) != (size_t) count) {
        fprintf(stderr, "%s: expected batches of %d int32 ids, read %ld\n", argv[1], BATCH, count);
        return 2;
    }
    fclose(file);
    for (long i = 0; i < count; i++) {
        if (ids[i] < 0 || ids[i] >= rows) {
            fprintf(stderr, "%s: id %d at position %ld is outside [0, %ld)\n", argv[1], ids[i], i, rows);
            return 2;
        }
    }

    size_t stride = int8 ? 8 + (size_t) dim : 4 * (size_t) dim;
    size_t bytes = ROW_ORIGIN + rows * stride;
    size_t huge = 2u << 20;
    char *block = mmap(NULL, bytes + huge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (block == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    char *base = (char *) (((uintptr_t) block + huge - 1) & ~(uintptr_t) (huge - 1));
    madvise(base, bytes, MADV_HUGEPAGE);
    uint64_t x = 88172645463325252ull; /* xorshift64: rows of varied bytes, as trained tables are */
    for (size_t i = 0; i + 8 <= bytes; i += 8) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        memcpy(base + i, &x, 8);
    }
    char *table = base + ROW_ORIGIN;
    if (int8) {
        float scale_bias[2] = {1.0f / 255, -0.5f};
        for (long r = 0; r < rows; r++) {
            memcpy(table + r * stride, scale_bias, 8);
        }
    }

    float *out = aligned_alloc(64, (size_t) BATCH * dim * 4);
    long batches = count / BATCH;
    double best[MAX_VARIANTS] = {0};
    for (int round = 0; round < variants * ROUNDS_PER_VARIANT; round++) {
        int v = round % variants;
        double elapsed = 0;
        long done = 0;
        while (elapsed < 0.4) {
            const int *batch = ids + (done % batches) * BATCH;
            double start = now();
            if (int8) {
                pool_int8(table, batch, dim, distances[v], out);
            } else {
                pool_fp32(table, batch, dim, distances[v], out);
            }
            elapsed += now() - start;
            done++;
        }
        double rate = done * BATCH / elapsed / 1e6;
        if (round >= variants && rate > best[v]) { /* the first round of each variant warms up */
            best[v] = rate;
        }
    }
    printf("c_gather %s rows=%ld dim=%d ids=%s:", argv[4], rows, dim, argv[1]);
    for (int v = 0; v < variants; v++) {
        printf("  prefetch %d: %.1f M/s", distances[v], best[v]);
    }
    printf(" (best round, 1 thread; out[0] %g)\n", out[0]);
    return 0;
}
