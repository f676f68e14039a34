/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A school list row: immutable facts plus a fixed number of latest values. */

#include <math.h>
#include <string.h>

#include "opora-school-item.h"

/* The text is made when a cell shows the value: 40,000 schools kept 320,000 of them. */
typedef struct {
  double  value;  /* NaN when the school has none */
  int     year;   /* 0 when the school has none */
} Value;

struct _OporaSchoolItem
{
  GObject  parent_instance;

  gint64   id;
  char          *code;
  char          *name;
  char          *short_name;
  const char    *municipality;  /* interned: a nation has 40,000 schools and 2,000 municipalities */
  OporaLocality  locality;
  const char    *kind;          /* interned, as there are a few kinds */
  char          *search_key;    /* case-folded code, names and municipality */
  GArray        *values;        /* Value */
};

G_DEFINE_FINAL_TYPE (OporaSchoolItem, opora_school_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CODE,
  PROP_NAME,
  PROP_SHORT_NAME,
  PROP_MUNICIPALITY,
  PROP_LOCALITY,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
opora_school_item_finalize (GObject *object)
{
  OporaSchoolItem *self = (OporaSchoolItem *) object;

  g_free (self->code);
  g_free (self->name);
  g_free (self->short_name);
  g_free (self->search_key);
  g_clear_pointer (&self->values, g_array_unref);

  G_OBJECT_CLASS (opora_school_item_parent_class)->finalize (object);
}

static void
opora_school_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  OporaSchoolItem *self = OPORA_SCHOOL_ITEM (object);

  switch (prop_id)
    {
    case PROP_CODE:         g_value_set_string (value, self->code); break;
    case PROP_NAME:         g_value_set_string (value, self->name); break;
    case PROP_SHORT_NAME:   g_value_set_string (value, self->short_name); break;
    case PROP_MUNICIPALITY: g_value_set_string (value, self->municipality); break;
    case PROP_LOCALITY:     g_value_set_string (value, opora_locality_label (self->locality)); break;
    case PROP_KIND:         g_value_set_string (value, self->kind); break;
    default:                G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
opora_school_item_class_init (OporaSchoolItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = opora_school_item_finalize;
  object_class->get_property = opora_school_item_get_property;

  properties[PROP_CODE] = string_property ("code");
  properties[PROP_NAME] = string_property ("name");
  properties[PROP_SHORT_NAME] = string_property ("short-name");
  properties[PROP_MUNICIPALITY] = string_property ("municipality");
  properties[PROP_LOCALITY] = string_property ("locality");
  properties[PROP_KIND] = string_property ("kind");
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
opora_school_item_init (OporaSchoolItem *self)
{
  self->values = g_array_new (FALSE, TRUE, sizeof (Value));
}

static char *
make_search_key (const OporaSchool *school)
{
  g_autofree char *joined = g_strjoin ("\n", school->code,
                                       school->name,
                                       school->short_name ? school->short_name : "",
                                       school->municipality ? school->municipality : "",
                                       NULL);

  g_autofree char *folded = g_utf8_casefold (joined, -1);

  /* Without the spare room g_utf8_casefold() leaves. */
  return g_strdup (folded);
}

/**
 * opora_school_item_new:
 * @school: the school
 * @n_values: how many latest values the row holds; all start missing
 *
 * Returns: (transfer full): a new row for @school
 */
OporaSchoolItem *
opora_school_item_new (const OporaSchool *school,
                       guint              n_values)
{
  OporaSchoolItem *self;

  g_return_val_if_fail (school != NULL, NULL);

  self = g_object_new (OPORA_TYPE_SCHOOL_ITEM, NULL);
  self->id = school->id;
  self->code = g_strdup (school->code);
  self->name = g_strdup (school->name);
  self->short_name = g_strdup (school->short_name);
  self->municipality = g_intern_string (school->municipality);
  self->locality = school->locality;
  self->kind = g_intern_string (school->kind);
  self->search_key = make_search_key (school);
  for (guint i = 0; i < n_values; i++)
    opora_school_item_set_value (self, i, 0, NAN);
  return self;
}

gint64
opora_school_item_get_id (OporaSchoolItem *self)
{
  g_return_val_if_fail (OPORA_IS_SCHOOL_ITEM (self), 0);
  return self->id;
}

const char *
opora_school_item_get_code (OporaSchoolItem *self)
{
  g_return_val_if_fail (OPORA_IS_SCHOOL_ITEM (self), NULL);
  return self->code;
}

const char *
opora_school_item_get_name (OporaSchoolItem *self)
{
  g_return_val_if_fail (OPORA_IS_SCHOOL_ITEM (self), NULL);
  return self->name;
}

const char *
opora_school_item_get_short_name (OporaSchoolItem *self)
{
  g_return_val_if_fail (OPORA_IS_SCHOOL_ITEM (self), NULL);
  return self->short_name;
}

const char *
opora_school_item_get_municipality (OporaSchoolItem *self)
{
  g_return_val_if_fail (OPORA_IS_SCHOOL_ITEM (self), NULL);
  return self->municipality;
}

const char *
opora_school_item_get_locality (OporaSchoolItem *self)
{
  g_return_val_if_fail (OPORA_IS_SCHOOL_ITEM (self), NULL);
  return opora_locality_label (self->locality);
}

const char *
opora_school_item_get_kind (OporaSchoolItem *self)
{
  g_return_val_if_fail (OPORA_IS_SCHOOL_ITEM (self), NULL);
  return self->kind;
}

/**
 * opora_school_item_matches:
 * @self: a row
 * @folded_text: text already passed through g_utf8_casefold()
 *
 * Returns: whether the code, a name or the municipality contains @folded_text
 */
gboolean
opora_school_item_matches (OporaSchoolItem *self,
                           const char      *folded_text)
{
  g_return_val_if_fail (OPORA_IS_SCHOOL_ITEM (self), FALSE);
  return folded_text == NULL || strstr (self->search_key, folded_text) != NULL;
}

guint
opora_school_item_get_n_values (OporaSchoolItem *self)
{
  g_return_val_if_fail (OPORA_IS_SCHOOL_ITEM (self), 0);
  return self->values->len;
}

double
opora_school_item_get_value (OporaSchoolItem *self,
                             guint            index)
{
  g_return_val_if_fail (OPORA_IS_SCHOOL_ITEM (self), NAN);
  g_return_val_if_fail (index < self->values->len, NAN);
  return g_array_index (self->values, Value, index).value;
}

int
opora_school_item_get_value_year (OporaSchoolItem *self,
                                  guint            index)
{
  g_return_val_if_fail (OPORA_IS_SCHOOL_ITEM (self), 0);
  g_return_val_if_fail (index < self->values->len, 0);
  return g_array_index (self->values, Value, index).year;
}

/**
 * opora_school_item_set_value:
 * @self: a row
 * @index: the value slot; slots past the end are added
 * @year: the year @value belongs to
 * @value: the value, NaN when missing
 */
void
opora_school_item_set_value (OporaSchoolItem *self,
                             guint            index,
                             int              year,
                             double           value)
{
  Value *slot;

  g_return_if_fail (OPORA_IS_SCHOOL_ITEM (self));

  if (index >= self->values->len)
    g_array_set_size (self->values, index + 1);
  slot = &g_array_index (self->values, Value, index);
  slot->value = value;
  slot->year = year;
}
