/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A column's possible meaning: ignore, a school field or a catalogue indicator, with its group. */

#include <glib/gi18n.h>

#include "opora-import-target.h"

struct _OporaImportTarget
{
  GObject          parent_instance;

  OporaTargetKind  kind;
  char            *key;    /* for an indicator, else NULL */
  char            *label;
  char            *group;  /* "School", or the indicator's group */
};

G_DEFINE_FINAL_TYPE (OporaImportTarget, opora_import_target, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LABEL,
  PROP_GROUP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
kind_label (OporaTargetKind kind)
{
  switch (kind)
    {
    case OPORA_TARGET_IGNORE:       return _("Ignore");
    case OPORA_TARGET_SCHOOL_CODE:  return _("School code");
    case OPORA_TARGET_SCHOOL_NAME:  return _("School name");
    case OPORA_TARGET_MUNICIPALITY: return _("Municipality");
    case OPORA_TARGET_YEAR:         return _("Year");
    /* Translators: a long table's column that names each row's indicator. */
    case OPORA_TARGET_INDICATOR_NAME: return _("Indicator of the row");
    /* Translators: a long table's column with each row's value. */
    case OPORA_TARGET_VALUE:        return _("Value of the row");
    case OPORA_TARGET_INDICATOR:
    default:                        g_return_val_if_reached ("");
    }
}

static void
opora_import_target_finalize (GObject *object)
{
  OporaImportTarget *self = (OporaImportTarget *) object;

  g_free (self->key);
  g_free (self->label);
  g_free (self->group);

  G_OBJECT_CLASS (opora_import_target_parent_class)->finalize (object);
}

static void
opora_import_target_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  OporaImportTarget *self = OPORA_IMPORT_TARGET (object);

  switch (prop_id)
    {
    case PROP_LABEL: g_value_set_string (value, self->label); break;
    case PROP_GROUP: g_value_set_string (value, self->group); break;
    default:         G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
opora_import_target_class_init (OporaImportTargetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = opora_import_target_finalize;
  object_class->get_property = opora_import_target_get_property;

  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_GROUP] = g_param_spec_string ("group", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
opora_import_target_init (OporaImportTarget *self)
{
}

/**
 * opora_import_target_new:
 * @kind: anything but %OPORA_TARGET_INDICATOR
 *
 * Returns: (transfer full): the target, labelled "Ignore", "School code"…
 */
OporaImportTarget *
opora_import_target_new (OporaTargetKind kind)
{
  OporaImportTarget *self;

  g_return_val_if_fail (kind != OPORA_TARGET_INDICATOR, NULL);

  self = g_object_new (OPORA_TYPE_IMPORT_TARGET, NULL);
  self->kind = kind;
  self->label = g_strdup (kind_label (kind));
  if (kind == OPORA_TARGET_IGNORE)
    self->group = g_strdup ("");
  else if (kind == OPORA_TARGET_INDICATOR_NAME || kind == OPORA_TARGET_VALUE)
    /* Translators: the group, in a column's drop-down, of the columns of a
     * long table (a row per school, indicator and year). */
    self->group = g_strdup (_("Long table"));
  else
    /* Translators: the group of the school fields in a column's drop-down. */
    self->group = g_strdup (_("School"));
  return self;
}

/**
 * opora_import_target_new_indicator:
 * @indicator: a catalogue entry
 *
 * Returns: (transfer full): the target, labelled with the indicator's name
 *   in the user's language
 */
OporaImportTarget *
opora_import_target_new_indicator (const OporaIndicator *indicator)
{
  OporaImportTarget *self;

  g_return_val_if_fail (indicator != NULL, NULL);

  self = g_object_new (OPORA_TYPE_IMPORT_TARGET, NULL);
  self->kind = OPORA_TARGET_INDICATOR;
  self->key = g_strdup (indicator->key);
  self->label = g_strdup (opora_indicator_get_name (indicator));
  self->group = g_strdup (opora_group_label (indicator->group));
  return self;
}

OporaTargetKind
opora_import_target_get_kind (OporaImportTarget *self)
{
  g_return_val_if_fail (OPORA_IS_IMPORT_TARGET (self), OPORA_TARGET_IGNORE);
  return self->kind;
}

const char *
opora_import_target_get_key (OporaImportTarget *self)
{
  g_return_val_if_fail (OPORA_IS_IMPORT_TARGET (self), NULL);
  return self->key;
}

const char *
opora_import_target_get_label (OporaImportTarget *self)
{
  g_return_val_if_fail (OPORA_IS_IMPORT_TARGET (self), NULL);
  return self->label;
}

const char *
opora_import_target_get_group (OporaImportTarget *self)
{
  g_return_val_if_fail (OPORA_IS_IMPORT_TARGET (self), NULL);
  return self->group;
}
