// Writing a scenario file (see scenario_yaml.hpp, FormatScenarioYaml). yaml-cpp's emitter quotes
// whatever needs quoting, so any id, name or value reads back as written.
#include <yaml-cpp/yaml.h>

#include <map>
#include <string>

#include "jobaward/io/scenario_yaml.hpp"

namespace jobaward {

namespace {

void EmitBase(YAML::Emitter& out, const ScenarioBase& base) {
  if (base.registry.empty() && base.rules.empty() && base.rubrics.empty() && base.reports.empty()) {
    return;
  }
  out << YAML::Key << "base" << YAML::Value << YAML::BeginMap;
  for (const auto& [key, value] :
       {std::pair{"registry", &base.registry}, std::pair{"rules", &base.rules},
        std::pair{"reports", &base.reports}}) {
    if (!value->empty()) out << YAML::Key << key << YAML::Value << *value;
  }
  if (!base.rubrics.empty()) {
    out << YAML::Key << "rubrics" << YAML::Value << YAML::Flow << base.rubrics;
  }
  out << YAML::EndMap;
}

}  // namespace

std::string FormatScenarioYaml(const Scenario& scenario) {
  // One entry per key, at its first position, with its last value (as the loader applies them).
  std::vector<const Override*> order;
  std::map<std::string, std::size_t> position;
  for (const Override& o : scenario.overrides) {
    const auto [it, inserted] = position.emplace(o.key, order.size());
    if (inserted) {
      order.push_back(&o);
    } else {
      order[it->second] = &o;
    }
  }
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "id" << YAML::Value << scenario.id;
  if (!scenario.name_ko.empty()) out << YAML::Key << "name_ko" << YAML::Value << scenario.name_ko;
  if (!scenario.description.empty()) {
    out << YAML::Key << "description" << YAML::Value << scenario.description;
  }
  EmitBase(out, scenario.base);
  if (!order.empty()) {
    out << YAML::Key << "overrides" << YAML::Value << YAML::BeginMap;
    for (const Override* o : order) {
      out << YAML::Key << o->key << YAML::Value;
      if (o->value.is_list) {
        out << YAML::Flow << o->value.items;
      } else {
        out << o->value.text;
      }
    }
    out << YAML::EndMap;
  }
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

}  // namespace jobaward
