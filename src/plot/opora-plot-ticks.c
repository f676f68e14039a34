/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tick positions in 1-2-5 steps (their labels: opora_number_format()). */

#include "opora-plot-ticks.h"

#include <math.h>
#include <string.h>

/**
 * opora_plot_nice_step:
 * @raw: the step that would give the wanted number of ticks, > 0
 *
 * The smallest step of 1, 2 or 5 × 10ⁿ that is not smaller than @raw:
 * 0.13 → 0.2, 3 → 5, 7 → 10, 20 → 20.
 *
 * Returns: the step
 */
double
opora_plot_nice_step (double raw)
{
  double magnitude, fraction;

  g_return_val_if_fail (raw > 0 && isfinite (raw), 1);

  magnitude = pow (10, floor (log10 (raw)));
  fraction = raw / magnitude;
  /* 1e-9 absorbs the rounding of log10 and pow: 0.3 / 0.1 is 2.9999999999999996. */
  if (fraction <= 1 + 1e-9)
    return magnitude;
  if (fraction <= 2 + 1e-9)
    return 2 * magnitude;
  if (fraction <= 5 + 1e-9)
    return 5 * magnitude;
  return 10 * magnitude;
}

static int
step_decimals (double step)
{
  int exponent = (int) floor (log10 (step) + 1e-9);

  return exponent < 0 ? -exponent : 0;
}

/* The next step of the 1-2-5 series: 0.2 → 0.5, 0.5 → 1, 1 → 2. */
static double
next_step (double step)
{
  double magnitude = pow (10, floor (log10 (step) + 1e-9));
  double fraction = step / magnitude;

  return fraction < 1.5 ? 2 * magnitude : fraction < 3.5 ? 5 * magnitude : 10 * magnitude;
}

static guint
count_ticks (double min,
             double max,
             double step)
{
  return (guint) (floor (max / step + 1e-9) - ceil (min / step - 1e-9) + 1);
}

/**
 * opora_plot_ticks_compute:
 * @min: the lowest value the axis shows
 * @max: the highest, ≥ @min
 * @target: how many steps fit at most (the axis length over the room a label needs), ≥ 1
 * @ticks: (out caller-allocates): the ticks between @min and @max inclusive
 *
 * Ticks sit on multiples of the smallest 1-2-5 step that gives at most
 * @target + 1 of them: [0, 1] with 5 → 0, 0.2, …, 1; [−1.8, 1.7] with 6 →
 * −1.5, −1, …, 1.5; [13, 97] with 4 → 20, 40, 60, 80. An empty range gets
 * one tick.
 */
void
opora_plot_ticks_compute (double          min,
                          double          max,
                          guint           target,
                          OporaPlotTicks *ticks)
{
  double step, first, per_unit;

  g_return_if_fail (ticks != NULL);
  g_return_if_fail (isfinite (min) && isfinite (max) && min <= max);

  memset (ticks, 0, sizeof *ticks);
  target = CLAMP (target, 1, OPORA_PLOT_MAX_TICKS - 1);
  if (max - min <= 0)
    {
      ticks->step = opora_plot_nice_step (fabs (min) > 0 ? fabs (min) / 10 : 1);
      ticks->decimals = step_decimals (ticks->step);
      ticks->values[ticks->n++] = min;
      return;
    }
  /* A tenth of the step that splits the whole range into @target parts is
   * surely too fine; climb from there. */
  step = opora_plot_nice_step ((max - min) / target) / 10;
  while (count_ticks (min, max, step) > target + 1)
    step = next_step (step);
  ticks->step = step;
  ticks->decimals = step_decimals (step);
  /* Whole steps, divided when the step is a fraction, land on the double
   * nearest the decimal: 3 / 10 is 0.3, where 3 × 0.1 is 0.30000000000000004. */
  per_unit = step < 1 ? round (1 / step) : 0;
  first = ceil (min / step - 1e-9);
  for (double k = first; k * step <= max + step * 1e-9 && ticks->n < OPORA_PLOT_MAX_TICKS; k++)
    {
      double value = per_unit > 0 ? k / per_unit : k * step;

      ticks->values[ticks->n++] = fabs (value) < step * 1e-9 ? 0 : value;
    }
}

