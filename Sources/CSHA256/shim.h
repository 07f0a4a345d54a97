// SHA-256's block function on the x86 SHA extensions (SHA-NI: Intel since Goldmont and Ice Lake, AMD since Zen),
// for the inventory's report hashes: about 2 cycles a byte against about 12 for the plain Swift rounds of
// HWCheckCore's SHA256, which does everything else (padding, the digest) and runs its own rounds where these
// instructions are missing. The layout is the one Intel's white paper "Intel SHA Extensions" (2013) and Linux's
// arch/x86/crypto/sha256_ni_asm.S use: the state held as ABEF and CDGH, four rounds per pair of sha256rnds2,
// the schedule by sha256msg1/sha256msg2. Checked against sha256sum in the tests on a machine that has them.
#ifndef HWCHECK_CSHA256_SHIM_H
#define HWCHECK_CSHA256_SHIM_H

#include <stddef.h>
#include <stdint.h>

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>

/// 1 when the CPU has the SHA extensions and SSSE3/SSE4.1 (CPUID leaf 7 EBX bit 29; leaf 1 ECX bits 9 and 19).
static inline int hwcheck_sha256_accelerated(void) {
    unsigned int a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 9)) || !(c & (1u << 19))) return 0;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    return (b >> 29) & 1;
}

/// Compresses `blocks` 64-byte blocks of `data` into `state` (H0 … H7). Call only when
/// hwcheck_sha256_accelerated() is 1.
__attribute__((target("sha,sse4.1,ssse3")))
static inline void hwcheck_sha256_blocks(uint32_t *state, const uint8_t *data, size_t blocks) {
    static const uint32_t k[64] = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    };
    // Big-endian words: reverse the bytes of each 32-bit lane.
    const __m128i swap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    __m128i tmp = _mm_loadu_si128((const __m128i *)&state[0]);   // A B C D (lanes 0..3)
    __m128i state1 = _mm_loadu_si128((const __m128i *)&state[4]); // E F G H
    tmp = _mm_shuffle_epi32(tmp, 0xB1);                            // C D A B … as the instructions want
    state1 = _mm_shuffle_epi32(state1, 0x1B);
    __m128i state0 = _mm_alignr_epi8(tmp, state1, 8);             // ABEF
    state1 = _mm_blend_epi16(state1, tmp, 0xF0);                   // CDGH

    while (blocks-- > 0) {
        const __m128i saved0 = state0, saved1 = state1;
        __m128i m0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 0)), swap);
        __m128i m1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16)), swap);
        __m128i m2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 32)), swap);
        __m128i m3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 48)), swap);
        for (int group = 0; group < 16; group++) {
            // Four rounds on W[4g … 4g+3] + K: two per sha256rnds2, the upper pair moved down for the second.
            __m128i message = _mm_add_epi32(m0, _mm_loadu_si128((const __m128i *)&k[group * 4]));
            state1 = _mm_sha256rnds2_epu32(state1, state0, message);
            message = _mm_shuffle_epi32(message, 0x0E);
            state0 = _mm_sha256rnds2_epu32(state0, state1, message);
            if (group < 12) {
                // W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16] for the group four ahead.
                __m128i next = _mm_sha256msg1_epu32(m0, m1);
                next = _mm_add_epi32(next, _mm_alignr_epi8(m3, m2, 4));
                next = _mm_sha256msg2_epu32(next, m3);
                m0 = m1; m1 = m2; m2 = m3; m3 = next;
            } else {
                m0 = m1; m1 = m2; m2 = m3;
            }
        }
        state0 = _mm_add_epi32(state0, saved0);
        state1 = _mm_add_epi32(state1, saved1);
        data += 64;
    }
    tmp = _mm_shuffle_epi32(state0, 0x1B);                         // FEBA
    state1 = _mm_shuffle_epi32(state1, 0xB1);                      // DCHG
    state0 = _mm_blend_epi16(tmp, state1, 0xF0);                   // DCBA
    state1 = _mm_alignr_epi8(state1, tmp, 8);                      // HGFE
    _mm_storeu_si128((__m128i *)&state[0], state0);
    _mm_storeu_si128((__m128i *)&state[4], state1);
}
#else
static inline int hwcheck_sha256_accelerated(void) { return 0; }
static inline void hwcheck_sha256_blocks(uint32_t *state, const uint8_t *data, size_t blocks) {
    (void)state; (void)data; (void)blocks;
}
#endif

#endif
