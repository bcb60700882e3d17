// render_template on arbitrary templates against full and minimal observations, in every unit
// system: a string or an invalid_input Error, never an exception.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.hpp"
#include "providers/owm/owm.hpp"
#include "support/owm_samples.hpp"
#include "tenki/format/format.hpp"

namespace {

tenki::Weather sample(std::string_view body) {
    auto w = tenki::parse_owm_response(200, body, tenki::Location{"94107", "us"});
    TENKI_FUZZ_CHECK(w.has_value());
    return *w;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const tenki::Weather k_full = sample(tenki::test::owm::k_london_rain);
    static const tenki::Weather k_sparse = sample(tenki::test::owm::k_minimal);
    const std::string_view tmpl(reinterpret_cast<const char*>(data), size);
    for (const auto* weather : {&k_full, &k_sparse}) {
        for (auto units : {tenki::Units::standard, tenki::Units::metric, tenki::Units::imperial}) {
            try {
                auto text = tenki::render_template(tmpl, *weather, units);
                if (!text) TENKI_FUZZ_CHECK(text.error().kind == tenki::ErrorKind::invalid_input);
            } catch (...) {
                TENKI_FUZZ_FAIL("render_template threw");
            }
        }
    }
    return 0;
}
