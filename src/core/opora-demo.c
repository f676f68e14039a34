/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Builds the demo municipality from a seed: schools, their context and three years of results. */

#include <glib/gi18n-lib.h>
#include <math.h>

#include "opora-db.h"
#include "opora-demo.h"
#include "opora-error.h"
#include "opora-indicator.h"
#include "opora-school.h"
#include "opora-values.h"

#define MUNICIPALITY "Берёзовский муниципальный округ"
#define REGION       "Условная область"

/* A school's hidden traits, from which every figure follows. */
typedef struct {
  OporaSchool *school;
  double       context;   /* favourable > 0 > difficult, about N(0, 1) */
  double       quality;   /* the school's own effect, about N(0, 1) */
  double       trend;     /* change of quality per year */
  int          students;
  gboolean     senior;    /* has grades 10–11, so ЕГЭ */
  int          nonobjective_year;  /* index of the year flagged + 1, or 0 */
} DemoSchool;

typedef struct {
  GRand            *rand;
  GPtrArray        *indicators;
  OporaValueWriter *writer;
  DemoSchool       *school;
  int               year;
  double            result;  /* this year's result factor */
} Demo;

static const char *villages[] = {
  "Заречное", "Ключи", "Сосновка", "Малиновка", "Красный Яр", "Луговое", "Верхняя Берёзовка",
  "Озёрки", "Покровское", "Никольское", "Каменка", "Высокое", "Ольховка", "Дубровино",
  "Липовка", "Степное", "Полянка", "Гремячье", "Знаменка", "Рябиновка",
};

static double
gauss (GRand *rand)
{
  /* Box–Muller on GRand, so the same seed gives the same numbers everywhere. */
  double u1 = g_rand_double_range (rand, 1e-12, 1.0);
  double u2 = g_rand_double (rand);

  return sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
}

/* Rounds to a step of 1, 0.1 or 0.01, giving the double nearest to the
 * decimal (28.9, not 289 × 0.1 = 28.900000000000002), as a file would hold it. */
static double
round_to (double value,
          double step)
{
  double scale = round (1.0 / step);

  return round (value * scale) / scale;
}

/* Functions, not MAX(): their arguments draw random numbers and must run once. */
static double
at_least (double low,
          double value)
{
  return MAX (low, value);
}

static double
clamp_share (double value)
{
  return round_to (CLAMP (value, 0.0, 100.0), 0.1);
}

static OporaSchool *
make_school (int          number,
             const char  *name,
             const char  *short_name,
             const char  *kind,
             OporaLocality locality)
{
  OporaSchool *school = g_new0 (OporaSchool, 1);

  school->code = g_strdup_printf ("04%04d", number);
  school->name = g_strdup (name);
  school->short_name = g_strdup (short_name);
  school->municipality = g_strdup (MUNICIPALITY);
  school->locality = locality;
  school->kind = g_strdup (kind);
  return school;
}

static void
add_town_schools (GPtrArray *schools)
{
  static const struct { const char *name, *short_name, *kind; } special[] = {
    { "МАОУ «Гимназия № 1 им. А. С. Пушкина»", "Гимназия № 1", "гимназия" },
    { "МАОУ «Лицей № 2»",                       "Лицей № 2",    "лицей" },
    { "МБОУ «СОШ № 3 с углублённым изучением отдельных предметов»", "СОШ № 3", "СОШ" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (special); i++)
    g_ptr_array_add (schools, make_school (schools->len + 1, special[i].name, special[i].short_name,
                                           special[i].kind, OPORA_LOCALITY_URBAN));
  for (int n = 4; n <= 20; n++)
    {
      gboolean basic = n % 7 == 0;
      g_autofree char *name = g_strdup_printf ("МБОУ «%s № %d»", basic ? "ООШ" : "СОШ", n);
      g_autofree char *short_name = g_strdup_printf ("%s № %d", basic ? "ООШ" : "СОШ", n);

      g_ptr_array_add (schools, make_school (schools->len + 1, name, short_name,
                                             basic ? "ООШ" : "СОШ", OPORA_LOCALITY_URBAN));
    }
}

static void
add_rural_schools (GPtrArray *schools)
{
  for (guint i = 0; i < G_N_ELEMENTS (villages); i++)
    {
      /* Every third village keeps only a basic school (grades 1–9). */
      gboolean basic = i % 3 == 1;
      const char *place = i % 4 == 3 ? "д." : "с.";
      const char *kind = basic ? "ООШ" : "СОШ";
      g_autofree char *name = g_strdup_printf ("МКОУ «%s %s %s»", kind, place, villages[i]);
      g_autofree char *short_name = g_strdup_printf ("%s %s %s", kind, place, villages[i]);

      g_ptr_array_add (schools, make_school (schools->len + 1, name, short_name, kind,
                                             OPORA_LOCALITY_RURAL));
    }
}

static void
draw_traits (GRand      *rand,
             DemoSchool *demo)
{
  OporaSchool *school = demo->school;
  gboolean urban = school->locality == OPORA_LOCALITY_URBAN;
  gboolean elite = g_strcmp0 (school->kind, "гимназия") == 0 || g_strcmp0 (school->kind, "лицей") == 0;

  demo->context = gauss (rand) * 0.8 + (urban ? 0.4 : -0.6) + (elite ? 1.0 : 0.0);
  demo->quality = gauss (rand) * 0.7 + (elite ? 0.6 : 0.0);
  demo->trend = gauss (rand) * 0.15;
  demo->senior = g_strcmp0 (school->kind, "ООШ") != 0;
  demo->students = urban ? g_rand_int_range (rand, 450, 1300) : g_rand_int_range (rand, 35, 320);
  if (!demo->senior)
    demo->students = demo->students * 2 / 3;
}

static gboolean
put (Demo        *demo,
     const char  *key,
     double       value,
     GError     **error)
{
  OporaIndicator *ind = opora_indicator_lookup (demo->indicators, key);

  g_assert (ind != NULL);
  value = CLAMP (value, ind->min_value, ind->max_value);
  return opora_value_writer_set (demo->writer, demo->school->school->id, ind->id,
                                 demo->year, value, error);
}

static gboolean
put_context (Demo    *demo,
             GError **error)
{
  GRand *r = demo->rand;
  double c = demo->school->context;
  int students = demo->school->students + g_rand_int_range (r, -20, 21);

  return put (demo, "students_total", at_least (students, 12), error) &&
         put (demo, "sp_low_income_share", clamp_share (22 - 9 * c + 3 * gauss (r)), error) &&
         put (demo, "sp_parents_higher_ed_share", clamp_share (38 + 13 * c + 4 * gauss (r)), error) &&
         put (demo, "sp_disabled_share", clamp_share (6 - 2 * c + 1.5 * gauss (r)), error) &&
         put (demo, "sp_non_native_share", clamp_share (5 - 3 * c + 3 * fabs (gauss (r))), error) &&
         put (demo, "sp_single_parent_share", clamp_share (20 - 5 * c + 3 * gauss (r)), error) &&
         put (demo, "sp_large_family_share", clamp_share (15 - 4 * c + 3 * gauss (r)), error) &&
         put (demo, "sp_prevent_register_share", clamp_share (2.5 - 1.2 * c + 0.8 * fabs (gauss (r))), error);
}

static gboolean
put_ege (Demo    *demo,
         GError **error)
{
  GRand *r = demo->rand;
  double q = demo->result;
  int graduates = at_least (3, demo->school->students / 14 + g_rand_int_range (r, -3, 4));
  int math_n = at_least (1, (int) round (graduates * CLAMP (0.45 + 0.1 * q, 0.15, 0.9)));
  /* Small classes swing more: noise grows as the number of examinees falls. */
  double spread = 12.0 / sqrt (graduates);

  return put (demo, "ege_n", graduates, error) &&
         put (demo, "ege_rus_n", graduates, error) &&
         put (demo, "ege_rus_avg", round_to (68 + 7 * q + spread * gauss (r), 0.1), error) &&
         put (demo, "ege_rus_fail_share", clamp_share (2 - 2.5 * q + spread * 0.4 * fabs (gauss (r))), error) &&
         put (demo, "ege_mathp_n", math_n, error) &&
         put (demo, "ege_mathp_avg", round_to (54 + 9 * q + spread * gauss (r), 0.1), error) &&
         put (demo, "ege_mathp_fail_share", clamp_share (6 - 5 * q + spread * 0.6 * fabs (gauss (r))), error) &&
         put (demo, "ege_160_share", clamp_share (14 + 11 * q + spread * 0.8 * gauss (r)), error);
}

static gboolean
put_oge_subject (Demo        *demo,
                 const char  *subject,
                 int          n,
                 double       shift,
                 GError     **error)
{
  GRand *r = demo->rand;
  double q = demo->result;
  double spread = 1.5 / sqrt (n);
  g_autofree char *n_key = g_strdup_printf ("oge_%s_n", subject);
  g_autofree char *avg_key = g_strdup_printf ("oge_%s_avg", subject);
  g_autofree char *m2_key = g_strdup_printf ("oge_%s_m2_share", subject);

  return put (demo, n_key, n, error) &&
         put (demo, avg_key, round_to (3.75 + shift + 0.35 * q + spread * gauss (r), 0.01), error) &&
         put (demo, m2_key, clamp_share (4 - 5 * q - 20 * shift + 6 * spread * fabs (gauss (r))), error);
}

static gboolean
put_oge (Demo    *demo,
         GError **error)
{
  int n = at_least (4, demo->school->students / 11 + g_rand_int_range (demo->rand, -3, 4));

  return put_oge_subject (demo, "rus", n, 0.1, error) &&
         put_oge_subject (demo, "math", n, -0.15, error);
}

/* Shares of marks «2»…«5» that add up to 100, worse with a lower result. */
static void
vpr_shares (GRand  *r,
            double  q,
            double  spread,
            double  shares[4])
{
  double w[4];

  /* One draw per statement: C leaves the order inside an initializer open. */
  w[0] = at_least (0.5, 12 - 6 * q + spread * gauss (r));
  w[1] = at_least (5.0, 42 - 4 * q + spread * gauss (r));
  w[2] = at_least (5.0, 33 + 4 * q + spread * gauss (r));
  w[3] = at_least (0.5, 13 + 6 * q + spread * gauss (r));
  double total = w[0] + w[1] + w[2] + w[3];

  for (int m = 0; m < 4; m++)
    shares[m] = round_to (100.0 * w[m] / total, 0.1);
  /* Rounding may leave ±0.1: give it to «3», the largest share. */
  shares[1] = round_to (100.0 - shares[0] - shares[2] - shares[3], 0.1);
}

static gboolean
put_vpr (Demo     *demo,
         gboolean  inflated,
         GError  **error)
{
  static const char *subjects[] = { "rus", "math" };

  for (int grade = 4; grade <= 8; grade++)
    for (guint s = 0; s < G_N_ELEMENTS (subjects); s++)
      {
        int n = at_least (3, demo->school->students / 11 + g_rand_int_range (demo->rand, -4, 5));
        /* A school on the non-objective list reports marks better than its results. */
        double q = demo->result + (inflated ? 1.8 : 0.0) - (s == 1 ? 0.2 : 0.0);
        double shares[4];
        g_autofree char *n_key = g_strdup_printf ("vpr_%s%d_n", subjects[s], grade);

        vpr_shares (demo->rand, q, 20.0 / sqrt (n), shares);
        if (!put (demo, n_key, n, error))
          return FALSE;
        for (int m = 0; m < 4; m++)
          {
            g_autofree char *key = g_strdup_printf ("vpr_%s%d_m%d", subjects[s], grade, m + 2);
            if (!put (demo, key, shares[m], error))
              return FALSE;
          }
      }
  return TRUE;
}

static gboolean
put_staff (Demo    *demo,
           GError **error)
{
  GRand *r = demo->rand;
  DemoSchool *s = demo->school;
  int teachers = at_least (6, s->students / 14 + g_rand_int_range (r, 0, 5));
  gboolean rural = s->school->locality == OPORA_LOCALITY_RURAL;

  return put (demo, "staff_teachers_total", teachers, error) &&
         put (demo, "staff_highest_cat_share", clamp_share (30 + 8 * s->quality + 6 * gauss (r)), error) &&
         put (demo, "staff_first_cat_share", clamp_share (33 + 5 * gauss (r)), error) &&
         put (demo, "staff_vacancies", at_least (0, g_rand_int_range (r, 0, rural ? 4 : 3) - (s->quality > 0.5)), error) &&
         put (demo, "res_equipment_index", round_to (CLAMP (62 + 10 * s->context + 8 * gauss (r), 5, 100), 1), error) &&
         put (demo, "olymp_winners",
              at_least (0, (int) round (s->students / 120.0 * exp (0.6 * demo->result) + gauss (r))), error);
}

static gboolean
put_year (Demo    *demo,
          int      year_index,
          GError **error)
{
  DemoSchool *s = demo->school;
  gboolean flagged = s->nonobjective_year == year_index + 1;

  demo->year = OPORA_DEMO_FIRST_YEAR + year_index;
  /* Results follow context and the school's own effect, with a drift and yearly noise. */
  demo->result = 0.55 * s->context + 0.6 * (s->quality + s->trend * year_index) + 0.25 * gauss (demo->rand);

  return put_context (demo, error) &&
         (!s->senior || put_ege (demo, error)) &&
         put_oge (demo, error) &&
         put_vpr (demo, flagged, error) &&
         put (demo, "vpr_nonobjective", flagged ? 1 : 0, error) &&
         put_staff (demo, error);
}

static gboolean
check_empty (OporaDb  *db,
             GError  **error)
{
  gint64 n = opora_school_count (db, error);

  if (n < 0)
    return FALSE;
  if (n > 0)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                   _("The workspace already has schools. Create a new workspace for the demo municipality."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
fill (OporaDb    *db,
      Demo       *demo,
      GPtrArray  *schools,
      GError    **error)
{
  g_autofree DemoSchool *traits = g_new0 (DemoSchool, schools->len);

  for (guint i = 0; i < schools->len; i++)
    {
      traits[i].school = schools->pdata[i];
      draw_traits (demo->rand, &traits[i]);
      if (!opora_school_insert (db, traits[i].school, error))
        return FALSE;
    }
  /* Four schools land on the Rosobrnadzor list, each in one year. */
  for (int k = 0; k < 4; k++)
    {
      int which = g_rand_int_range (demo->rand, 0, schools->len);
      traits[which].nonobjective_year = g_rand_int_range (demo->rand, 1, OPORA_DEMO_N_YEARS + 1);
    }

  for (guint i = 0; i < schools->len; i++)
    for (int y = 0; y < OPORA_DEMO_N_YEARS; y++)
      {
        demo->school = &traits[i];
        if (!put_year (demo, y, error))
          return FALSE;
      }
  return TRUE;
}

/**
 * opora_demo_fill:
 * @db: an empty workspace open for writing
 * @seed: the seed; the same seed always gives the same workspace
 *
 * Fills @db with the demo municipality: 40 fictional schools of one
 * municipality (town and villages, гимназия to small ООШ), the social
 * passport, ЕГЭ, ОГЭ, ВПР, staff and equipment for three years, with
 * results that follow context, small schools that swing more, and four
 * schools flagged for non-objective ВПР results. Refuses a workspace that
 * already has schools. On error the workspace is unchanged.
 *
 * Returns: %TRUE on success
 */
gboolean
opora_demo_fill (OporaDb  *db,
                 guint32   seed,
                 GError  **error)
{
  g_autoptr(OporaTransaction) tx = NULL;
  g_autoptr(GPtrArray) schools = g_ptr_array_new_with_free_func ((GDestroyNotify) opora_school_free);
  g_autoptr(GPtrArray) indicators = NULL;
  g_autoptr(OporaValueWriter) writer = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree char *seed_text = g_strdup_printf ("%u", seed);
  Demo demo = { 0 };

  g_return_val_if_fail (db != NULL, FALSE);

  if (!(tx = opora_db_begin (db, error)) ||
      !check_empty (db, error) ||
      !(indicators = opora_indicator_list (db, error)) ||
      !(writer = opora_value_writer_new (db, 0, error)) ||
      !opora_municipality_ensure (db, MUNICIPALITY, REGION, error))
    return FALSE;

  add_town_schools (schools);
  add_rural_schools (schools);
  demo.rand = rand;
  demo.indicators = indicators;
  demo.writer = writer;

  return fill (db, &demo, schools, error) &&
         opora_value_writer_flush (writer, error) &&
         opora_db_set_info (db, "name", MUNICIPALITY, error) &&
         opora_db_set_info (db, "demo_seed", seed_text, error) &&
         opora_transaction_commit (tx, error);
}
