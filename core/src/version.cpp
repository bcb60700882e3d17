#include "tenki/version.hpp"

namespace tenki {

std::string_view version() { return TENKI_VERSION; }

}  // namespace tenki
