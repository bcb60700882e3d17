#include "tenki/error.hpp"

#include <fmt/format.h>

namespace tenki {

std::string_view to_string(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::invalid_input: return "invalid_input";
        case ErrorKind::not_found: return "not_found";
        case ErrorKind::unauthorized: return "unauthorized";
        case ErrorKind::rate_limited: return "rate_limited";
        case ErrorKind::unreachable: return "unreachable";
        case ErrorKind::timeout: return "timeout";
        case ErrorKind::bad_response: return "bad_response";
        case ErrorKind::io: return "io";
        case ErrorKind::internal: return "internal";
    }
    return "internal";
}

int exit_status(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::invalid_input: return 2;
        case ErrorKind::not_found: return 3;
        case ErrorKind::unauthorized: return 4;
        case ErrorKind::rate_limited: return 5;
        case ErrorKind::unreachable: return 6;
        case ErrorKind::timeout: return 6;
        case ErrorKind::bad_response: return 7;
        case ErrorKind::io: return 8;
        case ErrorKind::internal: return 70;
    }
    return 70;
}

std::string wait_advice(std::optional<int> retry_after, std::string_view otherwise) {
    if (!retry_after) return std::string(otherwise);
    return fmt::format("it asks to wait {} s: try again then", *retry_after);
}

}  // namespace tenki
