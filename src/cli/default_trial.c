/* src/cli/default_trial.c
 *
 * The built-in default trial that `psorsim trial` runs when no file is
 * given (the README's quick start): placebo, an IL-17 biologic, a
 * conventional systemic, phototherapy and umbilical-cord MSCs side by side,
 * with a treatment-free follow-up for relapse. `psorsim trial --show-default` prints it.
 */
#include "cli.h"

const char psr_default_trial[] =
    "name: psorsim default trial - placebo vs secukinumab vs methotrexate vs NB-UVB vs MSC\n"
    "note: built into psorsim; print it with 'psorsim trial --show-default'\n"
    "seed: 2026\n"
    "population:\n"
    "  patients_per_arm: 200\n"
    "  inclusion: {pasi_min: 12, bsa_min: 10}\n"
    "  baseline: {pasi_mean: 21, pasi_sd: 8, weight_kg_mean: 88, age_mean: 45}\n"
    "weeks: 36\n"
    "arms:\n"
    "  - name: placebo\n"
    "    regimen: []\n"
    "  - name: secukinumab 300 mg to week 16\n"
    "    regimen:\n"
    "      - drug: secukinumab\n"
    "        dose: 300 mg\n"
    "        route: subcutaneous\n"
    "        at_weeks: [0, 1, 2, 3, 4]\n"
    "        then_every_weeks: 4\n"
    "        until_week: 16\n"
    "  - name: methotrexate 15 mg weekly to week 16\n"
    "    regimen:\n"
    "      - drug: methotrexate\n"
    "        dose: 15 mg\n"
    "        route: oral\n"
    "        every_weeks: 1\n"
    "        until_week: 16\n"
    "  - name: narrowband UVB 3x weekly to week 12\n"
    "    regimen:\n"
    "      - phototherapy: nb_uvb\n"
    "        sessions_per_week: 3\n"
    "        start_dose: 70 % MED\n"
    "        increment: 10 %\n"
    "        until_week: 12\n"
    "  - name: umbilical-cord MSC 1e6 cells/kg x3\n"
    "    regimen:\n"
    "      - cells: msc\n"
    "        source: umbilical_cord\n"
    "        dose: 1e6 cells/kg\n"
    "        route: intravenous\n"
    "        at_weeks: [0, 2, 4]\n"
    "        product: {passage: 4, viability: 92 %, cryopreserved: true}\n"
    "endpoints: [pasi75@12, pasi90@12, pasi_change@12, iga01@12, pasi75@16, pasi75@36,\n"
    "            relapse_weeks_median]\n";
