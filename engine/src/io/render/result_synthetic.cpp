// The synthetic-reports banner of a result (result_render.hpp, WithSyntheticBanner).
#include "jobaward/render/result_render.hpp"

namespace jobaward {

Result WithSyntheticBanner(Result result, const Provenance& provenance) {
  if (!IsSynthetic(provenance)) return result;
  for (const Banner& b : result.banners) {
    if (b.column.id == "synthetic_reports") return result;
  }
  result.AddBanner(Column("synthetic_reports", "합성 자료", ColumnType::kInteger),
                   Cell(provenance.reports->synthetic), "※ " + SyntheticNotice(provenance));
  return result;
}

}  // namespace jobaward
