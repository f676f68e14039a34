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

  gint64         id;
  char          *texts;         /* the four texts below, back to back: one allocation a row */
  const char    *code;
  const char    *name;
  const char    *short_name;    /* nullable */
  const char    *search_key;    /* case-folded code, names and municipality */
  const char    *municipality;  /* interned: a nation has 40,000 schools and 2,000 municipalities */
  OporaLocality  locality;
  const char    *kind;          /* interned, as there are a few kinds */
  guint          n_values;
  Value         *values;
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

  g_free (self->texts);
  g_free (self->values);

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
}

static char *
make_search_key (const OporaSchool *school)
{
  g_autofree char *joined = g_strjoin ("\n", school->code,
                                       school->name,
                                       school->short_name ? school->short_name : "",
                                       school->municipality ? school->municipality : "",
                                       NULL);

  return g_utf8_casefold (joined, -1);
}

/* Copies @text after @at; returns where it went. */
static const char *
put_text (char      **at,
          const char *text)
{
  const char *put = *at;

  *at = g_stpcpy (*at, text) + 1;
  return put;
}

/* Keeps the school's texts in @self->texts. */
static void
keep_texts (OporaSchoolItem   *self,
            const OporaSchool *school)
{
  g_autofree char *search_key = make_search_key (school);
  char *at;

  self->texts = at = g_malloc (strlen (school->code) + strlen (school->name) + strlen (search_key) + 3 +
                               (school->short_name != NULL ? strlen (school->short_name) + 1 : 0));
  self->code = put_text (&at, school->code);
  self->name = put_text (&at, school->name);
  self->search_key = put_text (&at, search_key);
  self->short_name = school->short_name != NULL ? put_text (&at, school->short_name) : NULL;
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
  keep_texts (self, school);
  self->municipality = g_intern_string (school->municipality);
  self->locality = school->locality;
  self->kind = g_intern_string (school->kind);
  self->n_values = n_values;
  self->values = g_new (Value, MAX (n_values, 1));
  for (guint i = 0; i < n_values; i++)
    self->values[i] = (Value) { NAN, 0 };
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
  return self->n_values;
}

double
opora_school_item_get_value (OporaSchoolItem *self,
                             guint            index)
{
  g_return_val_if_fail (OPORA_IS_SCHOOL_ITEM (self), NAN);
  g_return_val_if_fail (index < self->n_values, NAN);
  return self->values[index].value;
}

int
opora_school_item_get_value_year (OporaSchoolItem *self,
                                  guint            index)
{
  g_return_val_if_fail (OPORA_IS_SCHOOL_ITEM (self), 0);
  g_return_val_if_fail (index < self->n_values, 0);
  return self->values[index].year;
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
  g_return_if_fail (OPORA_IS_SCHOOL_ITEM (self));

  if (index >= self->n_values)
    {
      /* The slots in between start as zeros, as they always did. */
      self->values = g_renew (Value, self->values, index + 1);
      memset (self->values + self->n_values, 0, (index + 1 - self->n_values) * sizeof (Value));
      self->n_values = index + 1;
    }
  self->values[index] = (Value) { value, year };
}
