#pragma once

#include <string_view>

namespace tenki {

// The version from CMake's project(), e.g. "0.1.0".
std::string_view version();

}  // namespace tenki
