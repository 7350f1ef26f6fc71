/* src/models/pasi.c
 *
 * PASI scoring (Fredriksson & Pettersson 1978, as tabulated in the PASI-ARD
 * table; guide disease-model.md section 7.1): the banded area score, the
 * weighted sum over the four body regions, and the continuous area score
 * used by the model's continuous PASI. Pure functions, no model state.
 */
#include <math.h>

#include <psorsim/psoriasis.h>

/* Share of body surface of each PASI region: head/neck, upper limbs, trunk,
 * lower limbs (PASI-ARD table). */
static const double region_weight[4] = {0.1, 0.2, 0.3, 0.4};

/* Lower edges (%) of area scores 2..6; score 1 is anything above 0. */
static const double band_lower_edge[5] = {10.0, 30.0, 50.0, 70.0, 90.0};

int psorsim_pasi_area_score(double involved_percent)
{
  int score;

  if (!(involved_percent > 0.0)) return 0; /* also NaN */
  score = 1;
  for (int k = 0; k < 5; k++) {
    if (involved_percent >= band_lower_edge[k]) score = k + 2;
  }
  return score;
}

double psorsim_pasi_area_score_continuous(double involved_percent)
{
  /* Knots at the band midpoints; the score of a band is reached at its middle. */
  static const double knot_pct[8] = {0.0, 5.0, 20.0, 40.0, 60.0, 80.0, 95.0, 100.0};
  static const double knot_score[8] = {0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 6.0};

  if (!(involved_percent > 0.0)) return 0.0;
  if (involved_percent >= knot_pct[7]) return knot_score[7];
  for (int k = 1; k < 8; k++) {
    if (involved_percent <= knot_pct[k]) {
      double f = (involved_percent - knot_pct[k - 1]) / (knot_pct[k] - knot_pct[k - 1]);
      return knot_score[k - 1] + f * (knot_score[k] - knot_score[k - 1]);
    }
  }
  return knot_score[7];
}

double psorsim_pasi_compute(const double erythema[4], const double induration[4],
                            const double desquamation[4], const double involved_percent[4])
{
  double pasi = 0.0;

  for (int r = 0; r < 4; r++) {
    double severity = erythema[r] + induration[r] + desquamation[r];
    pasi += region_weight[r] * severity * psorsim_pasi_area_score(involved_percent[r]);
  }
  return pasi;
}
