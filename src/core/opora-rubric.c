/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Effectiveness rubrics as data: criteria with their scales, level thresholds; scoring them. */

#include <glib/gi18n-lib.h>
#include <math.h>

#include "opora-error.h"
#include "opora-rubric.h"

static void
clear_option (gpointer data)
{
  g_free (((OporaRubricOption *) data)->description);
}

static void
clear_level (gpointer data)
{
  g_free (((OporaRubricLevel *) data)->name);
}

OporaRubric *
opora_rubric_new (const char *name)
{
  OporaRubric *r = g_new0 (OporaRubric, 1);

  r->name = g_strdup (name);
  r->body = g_strdup ("");
  r->source = g_strdup ("");
  r->criteria = g_ptr_array_new_with_free_func ((GDestroyNotify) opora_criterion_free);
  r->levels = g_array_new (FALSE, TRUE, sizeof (OporaRubricLevel));
  g_array_set_clear_func (r->levels, clear_level);
  return r;
}

void
opora_rubric_free (OporaRubric *r)
{
  if (r == NULL)
    return;
  g_free (r->name);
  g_free (r->body);
  g_free (r->preset);
  g_free (r->source);
  g_ptr_array_unref (r->criteria);
  g_array_unref (r->levels);
  g_free (r);
}

OporaCriterion *
opora_criterion_new (OporaCriterionKind  kind,
                     const char         *title)
{
  OporaCriterion *c = g_new0 (OporaCriterion, 1);

  c->kind = kind;
  c->title = g_strdup (title);
  c->group = g_strdup ("");
  c->unit = g_strdup ("");
  c->options = g_array_new (FALSE, TRUE, sizeof (OporaRubricOption));
  g_array_set_clear_func (c->options, clear_option);
  return c;
}

void
opora_criterion_free (OporaCriterion *c)
{
  if (c == NULL)
    return;
  g_free (c->group);
  g_free (c->title);
  g_free (c->unit);
  g_array_unref (c->options);
  g_free (c);
}

static int
compare_options (gconstpointer a,
                 gconstpointer b)
{
  double x = ((const OporaRubricOption *) a)->points, y = ((const OporaRubricOption *) b)->points;

  return (x > y) - (x < y);
}

/* Keeps the options in ascending points. */
void
opora_criterion_add_option (OporaCriterion *criterion,
                            double          points,
                            const char     *description)
{
  OporaRubricOption option = { points, g_strdup (description != NULL ? description : "") };

  g_array_append_val (criterion->options, option);
  g_array_sort (criterion->options, compare_options);
}

static int
compare_levels (gconstpointer a,
                gconstpointer b)
{
  double x = ((const OporaRubricLevel *) a)->min_total, y = ((const OporaRubricLevel *) b)->min_total;

  return (x > y) - (x < y);
}

/* Keeps the levels in ascending thresholds. */
void
opora_rubric_add_level (OporaRubric *rubric,
                        double       min_total,
                        const char  *name)
{
  OporaRubricLevel level = { min_total, g_strdup (name) };

  g_array_append_val (rubric->levels, level);
  g_array_sort (rubric->levels, compare_levels);
}

/* The most points a criterion can give; infinity for counts. */
double
opora_criterion_max_points (const OporaCriterion *c)
{
  if (c->kind == OPORA_CRITERION_COUNT)
    return INFINITY;
  return c->options->len > 0 ? g_array_index (c->options, OporaRubricOption, c->options->len - 1).points : 0;
}

/**
 * opora_rubric_max_total:
 *
 * Returns: the greatest total the rubric gives (12 for the mentor centre), or -1
 *   when a criterion counts units and the total has no bound
 */
double
opora_rubric_max_total (const OporaRubric *rubric)
{
  double total = 0;

  for (guint i = 0; i < rubric->criteria->len; i++)
    {
      double max = opora_criterion_max_points (rubric->criteria->pdata[i]);

      if (isinf (max))
        return -1;
      total += max;
    }
  return total;
}

/**
 * opora_rubric_level_index:
 *
 * The level of a total: the one with the greatest threshold not above it.
 * On the mentor centre, 5 → 0 (unsatisfactory), 6 → 1, 10 → 1, 11 → 2.
 *
 * Returns: the index into rubric->levels, or -1 when the rubric has no levels
 *   or the total is below the lowest threshold
 */
int
opora_rubric_level_index (const OporaRubric *rubric,
                          double             total)
{
  int index = -1;

  for (guint i = 0; i < rubric->levels->len; i++)
    if (total >= g_array_index (rubric->levels, OporaRubricLevel, i).min_total - 1e-9)
      index = i;
  return index;
}

const char *
opora_rubric_level_name (const OporaRubric *rubric,
                         double             total)
{
  int i = opora_rubric_level_index (rubric, total);

  return i >= 0 ? g_array_index (rubric->levels, OporaRubricLevel, i).name : NULL;
}

const OporaCriterion *
opora_rubric_find_criterion (const OporaRubric *rubric,
                             gint64             criterion_id)
{
  for (guint i = 0; i < rubric->criteria->len; i++)
    if (((OporaCriterion *) rubric->criteria->pdata[i])->id == criterion_id)
      return rubric->criteria->pdata[i];
  return NULL;
}

/* Points as Russian text writes them: 1,5. */
static char *
points_text (double value)
{
  char *text = g_strdup_printf ("%g", value);

  return g_strdelimit (text, ".", ',');
}

/**
 * opora_criterion_check:
 * @criterion: a criterion
 * @value: the points chosen (choice) or the units counted (count)
 *
 * Refuses a score outside the criterion's scale with a message that names
 * the scale: "… is scored 0, 1 or 2; 3 is not on its scale."
 *
 * Returns: %TRUE when @value is on the scale
 */
gboolean
opora_criterion_check (const OporaCriterion  *criterion,
                       double                 value,
                       GError               **error)
{
  g_autofree char *shown = points_text (value);

  if (!isfinite (value))
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                   _("“%s” needs a score."), criterion->title);
      return FALSE;
    }
  if (criterion->kind == OPORA_CRITERION_COUNT)
    {
      if (value < 0 || value != floor (value) || value > 100000)
        {
          g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                       _("“%s” counts whole units (%s) from 0 up; %s is not a count."),
                       criterion->title, criterion->unit, shown);
          return FALSE;
        }
      return TRUE;
    }
  for (guint i = 0; i < criterion->options->len; i++)
    if (fabs (g_array_index (criterion->options, OporaRubricOption, i).points - value) < 1e-9)
      return TRUE;
  {
    g_autoptr(GString) scale = g_string_new (NULL);

    for (guint i = 0; i < criterion->options->len; i++)
      {
        g_autofree char *p = points_text (g_array_index (criterion->options, OporaRubricOption, i).points);

        if (i > 0)
          g_string_append (scale, i + 1 == criterion->options->len ? _(" or ") : ", ");
        g_string_append (scale, p);
      }
    g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                 _("“%s” is scored %s; %s is not on its scale."), criterion->title, scale->str, shown);
  }
  return FALSE;
}

/* The points a valid value gives. */
double
opora_criterion_points (const OporaCriterion *criterion,
                        double                value)
{
  return criterion->kind == OPORA_CRITERION_COUNT ? value * criterion->points_per_unit : value;
}

/**
 * opora_rubric_validate:
 *
 * Checks that a rubric can be scored: a name, at least one criterion, each with a
 * title; choice criteria with at least two options of different points, count
 * criteria with positive points per unit; levels with names and distinct thresholds.
 *
 * Returns: %TRUE when it can
 */
gboolean
opora_rubric_validate (const OporaRubric  *rubric,
                       GError            **error)
{
  g_autofree char *name = g_strstrip (g_strdup (rubric->name != NULL ? rubric->name : ""));

  if (*name == '\0')
    {
      g_set_error_literal (error, OPORA_ERROR, OPORA_ERROR_INVALID, _("A rubric needs a name."));
      return FALSE;
    }
  if (rubric->criteria->len == 0)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID, _("The rubric “%s” has no criteria. Add at least one."), name);
      return FALSE;
    }
  for (guint i = 0; i < rubric->criteria->len; i++)
    {
      const OporaCriterion *c = rubric->criteria->pdata[i];
      g_autofree char *title = g_strstrip (g_strdup (c->title != NULL ? c->title : ""));

      if (*title == '\0')
        {
          g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID, _("Criterion %u has no title."), i + 1);
          return FALSE;
        }
      if (c->kind == OPORA_CRITERION_COUNT && !(c->points_per_unit > 0 && isfinite (c->points_per_unit)))
        {
          g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                       _("“%s” counts units: it needs the points per unit, more than 0."), title);
          return FALSE;
        }
      if (c->kind == OPORA_CRITERION_CHOICE && c->options->len < 2)
        {
          g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                       _("“%s” needs at least two scores to choose from, as 0, 1 and 2."), title);
          return FALSE;
        }
      for (guint k = 0; k < c->options->len; k++)
        {
          double p = g_array_index (c->options, OporaRubricOption, k).points;

          if (p < 0 || !isfinite (p) || (k > 0 && p == g_array_index (c->options, OporaRubricOption, k - 1).points))
            {
              g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                           _("The scores of “%s” must be different numbers from 0 up."), title);
              return FALSE;
            }
        }
    }
  for (guint i = 0; i < rubric->levels->len; i++)
    {
      const OporaRubricLevel *l = &g_array_index (rubric->levels, OporaRubricLevel, i);
      g_autofree char *level = g_strstrip (g_strdup (l->name != NULL ? l->name : ""));

      if (*level == '\0' || !isfinite (l->min_total) ||
          (i > 0 && l->min_total == g_array_index (rubric->levels, OporaRubricLevel, i - 1).min_total))
        {
          g_set_error_literal (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                               _("Each level needs a name and a threshold of its own."));
          return FALSE;
        }
    }
  return TRUE;
}
