#include "tenki/devtools/test_runner.hpp"

#include <unistd.h>

namespace tenki::devtools {

namespace fs = std::filesystem;

std::string_view to_string(Tier tier) {
    switch (tier) {
        case Tier::unit: return "unit";
        case Tier::integration: return "integration";
        case Tier::web: return "web";
    }
    return "unit";
}

namespace {

bool is_executable(const fs::path& p) {
    std::error_code ec;
    return fs::is_regular_file(p, ec) && ::access(p.c_str(), X_OK) == 0;
}

Result<fs::path> require_executable(const fs::path& p, std::string_view where) {
    if (is_executable(p)) return p;
    return fail(ErrorKind::invalid_input, "test binary " + p.string() + " (from " + std::string(where) +
                                              ") does not exist or is not executable");
}

}  // namespace

Result<fs::path> find_test_binary(const TestBinarySearch& search) {
    if (search.option) return require_executable(*search.option, "--test-binary");
    if (search.from_env) return require_executable(*search.from_env, k_test_binary_env);
    fs::path beside = search.self_dir / k_test_binary_name;
    if (is_executable(beside)) return beside;
    return fail(ErrorKind::io, "no test binary: this tenki has no " + std::string(k_test_binary_name) +
                                   " beside it (" + search.self_dir.string() +
                                   "); build with `make build` or set " + std::string(k_test_binary_env));
}

std::vector<std::string> test_command(const fs::path& binary, Tier tier,
                                      const std::vector<std::string>& extra) {
    std::vector<std::string> argv{binary.string(), "--tier", std::string(to_string(tier))};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return argv;
}

}  // namespace tenki::devtools
