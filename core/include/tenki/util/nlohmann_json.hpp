#pragma once

// nlohmann/json (Debian's nlohmann-json3-dev, header-only) with its common templates compiled once,
// in core/src/util/nlohmann_json.cpp: include this header, not <nlohmann/json.hpp>. Each file that
// used json compiled and optimised its own copy of the value type, the parser (for the two inputs
// core parses: a std::string and a std::string_view) and the serializer: about 2 s of a 7 s
// compile. The explicit instantiation declarations below keep them out of every other file; the
// compiler still inlines what is small. Nothing changes in behaviour: same library, same code.
#include <string>

#include <nlohmann/json.hpp>

extern template class nlohmann::basic_json<>;
extern template class nlohmann::detail::serializer<nlohmann::json>;
extern template class nlohmann::detail::json_sax_dom_parser<nlohmann::json>;
extern template class nlohmann::detail::json_sax_dom_callback_parser<nlohmann::json>;
extern template class nlohmann::detail::parser<nlohmann::json,
                                               nlohmann::detail::iterator_input_adapter<const char*>>;
extern template class nlohmann::detail::lexer<nlohmann::json,
                                              nlohmann::detail::iterator_input_adapter<const char*>>;
extern template class nlohmann::detail::parser<
    nlohmann::json, nlohmann::detail::iterator_input_adapter<std::string::const_iterator>>;
extern template class nlohmann::detail::lexer<
    nlohmann::json, nlohmann::detail::iterator_input_adapter<std::string::const_iterator>>;
