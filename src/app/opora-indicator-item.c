/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Indicator rows for the school detail table and the catalogue. */

#include <glib/gi18n.h>

#include "opora-indicator-item.h"

struct _OporaIndicatorItem
{
  GObject         parent_instance;

  OporaIndicator *indicator;  /* NULL for a group heading */
  OporaGroup      group;
  char           *name;
  char           *unit;
  char           *direction;
  char           *range;
  GPtrArray      *value_texts;  /* char *, one per year of the table */
};

G_DEFINE_FINAL_TYPE (OporaIndicatorItem, opora_indicator_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_KEY,
  PROP_GROUP,
  PROP_GROUP_LABEL,
  PROP_UNIT,
  PROP_DIRECTION,
  PROP_RANGE,
  PROP_HEADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
opora_indicator_item_finalize (GObject *object)
{
  OporaIndicatorItem *self = (OporaIndicatorItem *) object;

  g_clear_pointer (&self->indicator, opora_indicator_free);
  g_free (self->name);
  g_free (self->unit);
  g_free (self->direction);
  g_free (self->range);
  g_clear_pointer (&self->value_texts, g_ptr_array_unref);

  G_OBJECT_CLASS (opora_indicator_item_parent_class)->finalize (object);
}

static void
opora_indicator_item_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  OporaIndicatorItem *self = OPORA_INDICATOR_ITEM (object);

  switch (prop_id)
    {
    case PROP_NAME:        g_value_set_string (value, self->name); break;
    case PROP_KEY:         g_value_set_string (value, self->indicator ? self->indicator->key : NULL); break;
    case PROP_GROUP:       g_value_set_int (value, self->group); break;
    case PROP_GROUP_LABEL: g_value_set_string (value, opora_group_label (self->group)); break;
    case PROP_UNIT:        g_value_set_string (value, self->unit); break;
    case PROP_DIRECTION:   g_value_set_string (value, self->direction); break;
    case PROP_RANGE:       g_value_set_string (value, self->range); break;
    case PROP_HEADING:     g_value_set_boolean (value, self->indicator == NULL); break;
    default:               G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
opora_indicator_item_class_init (OporaIndicatorItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = opora_indicator_item_finalize;
  object_class->get_property = opora_indicator_item_get_property;

  properties[PROP_NAME] = string_property ("name");
  properties[PROP_KEY] = string_property ("key");
  properties[PROP_GROUP] =
    g_param_spec_int ("group", NULL, NULL, OPORA_GROUP_CONTEXT, OPORA_GROUP_RESOURCE,
                      OPORA_GROUP_CONTEXT, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_GROUP_LABEL] = string_property ("group-label");
  properties[PROP_UNIT] = string_property ("unit");
  properties[PROP_DIRECTION] = string_property ("direction");
  properties[PROP_RANGE] = string_property ("range");
  properties[PROP_HEADING] =
    g_param_spec_boolean ("heading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
opora_indicator_item_init (OporaIndicatorItem *self)
{
  self->value_texts = g_ptr_array_new_with_free_func (g_free);
}

static const char *
direction_label (int direction)
{
  if (direction > 0)
    return _("Higher is better");
  if (direction < 0)
    return _("Higher is worse");
  return _("Neutral");
}

static char *
format_range (const OporaIndicator *indicator)
{
  g_autofree char *low = g_strdup_printf ("%'g", indicator->min_value);
  g_autofree char *high = g_strdup_printf ("%'g", indicator->max_value);

  /* Translators: a range of valid values, e.g. "0–100". */
  return g_strdup_printf (C_("range", "%s–%s"), low, high);
}

/**
 * opora_indicator_item_new:
 * @indicator: the indicator; it is copied
 *
 * Returns: (transfer full): a row for @indicator with no values yet
 */
OporaIndicatorItem *
opora_indicator_item_new (const OporaIndicator *indicator)
{
  OporaIndicatorItem *self;

  g_return_val_if_fail (indicator != NULL, NULL);

  self = g_object_new (OPORA_TYPE_INDICATOR_ITEM, NULL);
  self->indicator = opora_indicator_copy (indicator);
  self->group = indicator->group;
  self->name = g_strdup (opora_indicator_get_name (indicator));
  self->unit = g_strdup (opora_unit_symbol (indicator->unit));
  self->direction = g_strdup (direction_label (indicator->direction));
  self->range = format_range (indicator);
  return self;
}

/**
 * opora_indicator_item_new_heading:
 * @group: the group the rows below belong to
 *
 * Returns: (transfer full): a heading row named after @group
 */
OporaIndicatorItem *
opora_indicator_item_new_heading (OporaGroup group)
{
  OporaIndicatorItem *self = g_object_new (OPORA_TYPE_INDICATOR_ITEM, NULL);

  self->group = group;
  self->name = g_strdup (opora_group_label (group));
  return self;
}

/**
 * opora_indicator_item_get_indicator:
 *
 * Returns: (nullable): the indicator, %NULL for a heading
 */
const OporaIndicator *
opora_indicator_item_get_indicator (OporaIndicatorItem *self)
{
  g_return_val_if_fail (OPORA_IS_INDICATOR_ITEM (self), NULL);
  return self->indicator;
}

gboolean
opora_indicator_item_get_heading (OporaIndicatorItem *self)
{
  g_return_val_if_fail (OPORA_IS_INDICATOR_ITEM (self), FALSE);
  return self->indicator == NULL;
}

const char *
opora_indicator_item_get_name (OporaIndicatorItem *self)
{
  g_return_val_if_fail (OPORA_IS_INDICATOR_ITEM (self), NULL);
  return self->name;
}

int
opora_indicator_item_get_group (OporaIndicatorItem *self)
{
  g_return_val_if_fail (OPORA_IS_INDICATOR_ITEM (self), 0);
  return self->group;
}

const char *
opora_indicator_item_get_group_label (OporaIndicatorItem *self)
{
  g_return_val_if_fail (OPORA_IS_INDICATOR_ITEM (self), NULL);
  return opora_group_label (self->group);
}

/**
 * opora_indicator_item_get_value_text:
 * @index: the year column
 *
 * Returns: the formatted value of year @index; "" for headings and
 *   columns past the end
 */
const char *
opora_indicator_item_get_value_text (OporaIndicatorItem *self,
                                     guint               index)
{
  g_return_val_if_fail (OPORA_IS_INDICATOR_ITEM (self), NULL);
  if (index >= self->value_texts->len)
    return "";
  return g_ptr_array_index (self->value_texts, index);
}

/**
 * opora_indicator_item_add_value:
 * @value: the value of the next year, NaN when missing
 *
 * Appends the next year's value, formatted for the indicator's unit.
 */
void
opora_indicator_item_add_value (OporaIndicatorItem *self,
                                double              value)
{
  g_return_if_fail (OPORA_IS_INDICATOR_ITEM (self));
  g_return_if_fail (self->indicator != NULL);
  g_ptr_array_add (self->value_texts, opora_indicator_format_value (self->indicator, value));
}
