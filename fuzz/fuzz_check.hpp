#pragma once

#include <cstdio>
#include <cstdlib>

// An invariant the fuzzed code broke: print it and abort, so libFuzzer keeps the input as a crash.
#define TENKI_FUZZ_FAIL(what)                                                            \
    do {                                                                                 \
        std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, what); \
        std::abort();                                                                    \
    } while (false)

#define TENKI_FUZZ_CHECK(cond)               \
    do {                                     \
        if (!(cond)) TENKI_FUZZ_FAIL(#cond); \
    } while (false)
