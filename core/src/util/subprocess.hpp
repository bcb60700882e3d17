#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tenki/error.hpp"

namespace tenki::util {

struct RunOptions {
    // Added to (or replacing in) the inherited environment; a nullopt value unsets the variable.
    std::vector<std::pair<std::string, std::optional<std::string>>> env;
    std::optional<std::filesystem::path> cwd;
    std::string input;
    // The child is killed (SIGKILL) when it runs longer than this.
    std::chrono::milliseconds timeout{std::chrono::seconds(60)};
};

struct RunOutput {
    int status = -1;     // exit status, or 128 + signal number
    std::string output;  // stdout
    std::string errors;  // stderr
    bool timed_out = false;
};

// Runs argv[0] (looked up in PATH) to completion and captures what it printed.
Result<RunOutput> run_capture(const std::vector<std::string>& argv, const RunOptions& options = {});

}  // namespace tenki::util
