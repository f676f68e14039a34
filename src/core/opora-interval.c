/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How certain a school's figure is: Wilson intervals for shares, small-number limits. */

#include <math.h>

#include "opora-interval.h"

/**
 * opora_wilson_interval:
 * @share: a share in percent, 0–100
 * @n: the number of participants it rests on
 * @z: the normal quantile, %OPORA_Z_95 for 95 %
 * @low: (out): the lower bound, in percent
 * @high: (out): the upper bound, in percent
 *
 * The Wilson score interval of a proportion p = @share / 100 out of @n:
 * (p + z²/2n ± z·√(p(1 − p)/n + z²/4n²)) / (1 + z²/n). Unlike the plain
 * p ± z·√(p(1 − p)/n) it stays within 0–100 % and is not empty at 0 or 100 %.
 *
 * Returns: %FALSE (bounds NaN) when @share or @n is missing or @n < 1
 */
gboolean
opora_wilson_interval (double  share,
                       double  n,
                       double  z,
                       double *low,
                       double *high)
{
  double p, z2n, centre, half, scale;

  *low = *high = NAN;
  if (isnan (share) || isnan (n) || n < 1)
    return FALSE;
  p = CLAMP (share / 100, 0, 1);
  z2n = z * z / n;
  scale = 1 + z2n;
  centre = p + z2n / 2;
  half = z * sqrt (p * (1 - p) / n + z2n / (4 * n));
  *low = 100 * MAX (0, (centre - half) / scale);
  *high = 100 * MIN (1, (centre + half) / scale);
  return TRUE;
}

/**
 * opora_is_small_number:
 * @participants: how many took part, NaN when unknown
 * @min_participants: the threshold
 *
 * Returns: whether a figure resting on @participants is unreliable: the
 *   count is known and below the threshold (an unknown count is not)
 */
gboolean
opora_is_small_number (double participants,
                       guint  min_participants)
{
  return !isnan (participants) && participants < min_participants;
}
