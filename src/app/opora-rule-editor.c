/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Lists the rules, switches them on and off, and edits one through a form of its kind that writes its JSON. */

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "opora-analysis.h"
#include "opora-features-dialog.h"
#include "opora-indicator.h"
#include "opora-interval.h"
#include "opora-json.h"
#include "opora-rule-editor.h"
#include "opora-rule.h"
#include "opora-toast.h"

/* As opora-rule.h spells them, in the order of the template's lists. */
static const char * const kind_names[] = { "threshold", "monitoring", "cluster", "residual" };
static const char * const op_names[] = { ">=", ">", "<=", "<" };
static const OporaModel cluster_models[] = { OPORA_MODEL_KMEANS, OPORA_MODEL_QUADRANT };

/* A new rule's definition: the message under the form says what it lacks. */
#define NEW_DEFINITION \
  "{\"kind\":\"threshold\",\"indicators\":[],\"op\":\">=\",\"value\":30,\"min_procedures\":1," \
  "\"same_years\":0,\"need_both\":false,\"min_participants\":10,\"include_small\":false}"

struct _OporaRuleEditor
{
  AdwBin               parent_instance;

  /* Template widgets */
  GtkListBox          *rule_list;
  GtkStack            *editor_stack;
  AdwEntryRow         *title_row;
  AdwActionRow        *info_row;
  AdwComboRow         *kind_row;
  AdwPreferencesGroup *threshold_group;
  AdwPreferencesGroup *monitoring_group;
  AdwPreferencesGroup *small_group;
  AdwPreferencesGroup *cluster_group;
  AdwPreferencesGroup *residual_group;
  AdwEntryRow         *indicators_row;
  AdwActionRow        *matches_row;
  AdwComboRow         *op_row;
  GtkSpinButton       *value_spin;
  GtkSpinButton       *procedures_spin;
  GtkSpinButton       *years_spin;
  AdwActionRow        *both_row;
  GtkSwitch           *both_switch;
  GtkSwitch           *indicator1_switch;
  GtkSwitch           *indicator2_switch;
  GtkSpinButton       *participants_spin;
  GtkSwitch           *small_switch;
  AdwComboRow         *model_row;
  GtkSpinButton       *share_spin;
  GtkSpinButton       *z_spin;
  GtkWidget           *check_box;
  GtkLabel            *check_label;
  GtkLabel            *state_label;
  GtkLabel            *json_label;

  /* Owned */
  GPtrArray           *rules;        /* OporaRule, in their order */
  GPtrArray           *indicators;   /* OporaIndicator: the catalogue */
  OporaRule           *draft;        /* the rule in the form; id 0 until stored */
  char                *loaded;       /* the form's definition as loaded, to tell edits */
  char                *save_error;   /* why the last save failed, until the next edit */
  gboolean             updating;     /* the form or the list is being filled */

  /* Borrowed: the window owns the workspace and sets a new one before freeing this */
  OporaDb             *db;
};

G_DEFINE_FINAL_TYPE (OporaRuleEditor, opora_rule_editor, ADW_TYPE_BIN)

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is_writable (OporaRuleEditor *self)
{
  return self->db != NULL && !opora_db_is_read_only (self->db);
}

static OporaRule *
rule_copy (const OporaRule *rule)
{
  OporaRule *copy = g_memdup2 (rule, sizeof *rule);

  copy->name = g_strdup (rule->name);
  copy->title = g_strdup (rule->title);
  copy->definition = g_strdup (rule->definition);
  return copy;
}

static const OporaRule *
find_rule (OporaRuleEditor *self,
           const char      *name)
{
  for (guint i = 0; self->rules != NULL && i < self->rules->len; i++)
    if (g_str_equal (((OporaRule *) self->rules->pdata[i])->name, name))
      return self->rules->pdata[i];
  return NULL;
}

/* ---- The definition, from the form and into it ---- */

static void
add_number (JsonBuilder *b,
            const char  *member,
            double       x)
{
  json_builder_set_member_name (b, member);
  if (x == round (x) && fabs (x) < 1e9)
    json_builder_add_int_value (b, (gint64) x);
  else
    json_builder_add_double_value (b, x);
}

/* "vpr_*_m2, oge_math_m2_share" → its keys, without blanks. */
static GStrv
split_keys (const char *text)
{
  g_auto(GStrv) parts = g_strsplit_set (text, ", ;\t\n", -1);
  g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_strv_builder_add (keys, parts[i]);
  return g_strv_builder_end (keys);
}

static void
add_threshold (OporaRuleEditor *self,
               JsonBuilder     *b)
{
  g_auto(GStrv) keys = split_keys (gtk_editable_get_text (GTK_EDITABLE (self->indicators_row)));

  json_builder_set_member_name (b, "indicators");
  json_builder_begin_array (b);
  for (guint i = 0; keys[i] != NULL; i++)
    json_builder_add_string_value (b, keys[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "op");
  json_builder_add_string_value (b, op_names[MIN (adw_combo_row_get_selected (self->op_row), 3)]);
  add_number (b, "value", round (gtk_spin_button_get_value (self->value_spin) * 10) / 10);
  add_number (b, "min_procedures", gtk_spin_button_get_value_as_int (self->procedures_spin));
  add_number (b, "same_years", gtk_spin_button_get_value_as_int (self->years_spin));
  opora_json_add_boolean (b, "need_both", gtk_switch_get_active (self->both_switch));
}

static void
add_small (OporaRuleEditor *self,
           JsonBuilder     *b)
{
  add_number (b, "min_participants", gtk_spin_button_get_value_as_int (self->participants_spin));
  opora_json_add_boolean (b, "include_small", gtk_switch_get_active (self->small_switch));
}

/* The JSON the form stands for, in the members' order of the built-in rules. */
static char *
build_definition (OporaRuleEditor *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  OporaRuleKind kind = MIN (adw_combo_row_get_selected (self->kind_row), OPORA_RULE_RESIDUAL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, kind_names[kind]);
  switch (kind)
    {
    case OPORA_RULE_THRESHOLD:
      add_threshold (self, b);
      add_small (self, b);
      break;
    case OPORA_RULE_MONITORING:
      opora_json_add_boolean (b, "indicator1", gtk_switch_get_active (self->indicator1_switch));
      opora_json_add_boolean (b, "indicator2", gtk_switch_get_active (self->indicator2_switch));
      add_small (self, b);
      break;
    case OPORA_RULE_CLUSTER:
      json_builder_set_member_name (b, "model");
      json_builder_add_string_value (b, opora_model_to_string (cluster_models[MIN (adw_combo_row_get_selected (self->model_row), 1)]));
      add_number (b, "share", gtk_spin_button_get_value (self->share_spin) / 100);
      break;
    case OPORA_RULE_RESIDUAL:
      add_number (b, "z", round (gtk_spin_button_get_value (self->z_spin) * 100) / 100);
      break;
    default:
      g_assert_not_reached ();
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static guint
index_of (const char * const *names,
          guint               n,
          const char         *name)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (names[i], name) == 0)
      return i;
  return 0;
}

static char *
join_keys (JsonObject *o)
{
  JsonArray *keys = json_object_has_member (o, "indicators") ? json_object_get_array_member (o, "indicators") : NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; keys != NULL && i < json_array_get_length (keys); i++)
    g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", json_array_get_string_element (keys, i));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Sets every field of the form from @o, with the core's defaults for what it lacks. */
static void
fill_form (OporaRuleEditor *self,
           JsonObject      *o)
{
  g_autofree char *keys = join_keys (o);
  OporaModel model = OPORA_MODEL_KMEANS;

  adw_combo_row_set_selected (self->kind_row, index_of (kind_names, G_N_ELEMENTS (kind_names),
                                                        json_object_get_string_member_with_default (o, "kind", "threshold")));
  gtk_editable_set_text (GTK_EDITABLE (self->indicators_row), keys);
  adw_combo_row_set_selected (self->op_row, index_of (op_names, G_N_ELEMENTS (op_names),
                                                      json_object_get_string_member_with_default (o, "op", ">=")));
  gtk_spin_button_set_value (self->value_spin, json_object_get_double_member_with_default (o, "value", 30));
  gtk_spin_button_set_value (self->procedures_spin, json_object_get_int_member_with_default (o, "min_procedures", 1));
  gtk_spin_button_set_value (self->years_spin, json_object_get_int_member_with_default (o, "same_years", 0));
  gtk_switch_set_active (self->both_switch, json_object_get_boolean_member_with_default (o, "need_both", FALSE));
  gtk_switch_set_active (self->indicator1_switch, json_object_get_boolean_member_with_default (o, "indicator1", TRUE));
  gtk_switch_set_active (self->indicator2_switch, json_object_get_boolean_member_with_default (o, "indicator2", TRUE));
  gtk_spin_button_set_value (self->participants_spin,
                             json_object_get_int_member_with_default (o, "min_participants", OPORA_DEFAULT_MIN_PARTICIPANTS));
  gtk_switch_set_active (self->small_switch, json_object_get_boolean_member_with_default (o, "include_small", FALSE));
  opora_model_from_string (json_object_get_string_member_with_default (o, "model", "kmeans"), &model);
  adw_combo_row_set_selected (self->model_row, model == OPORA_MODEL_QUADRANT ? 1 : 0);
  gtk_spin_button_set_value (self->share_spin, round (100 * json_object_get_double_member_with_default (o, "share", 0.25)));
  gtk_spin_button_set_value (self->z_spin, json_object_get_double_member_with_default (o, "z", OPORA_Z_95));
}

/* ---- What the form shows ---- */

/* "3 indicators of this workspace: …" under the indicators' keys. */
static void
show_matches (OporaRuleEditor *self)
{
  g_auto(GStrv) keys = split_keys (gtk_editable_get_text (GTK_EDITABLE (self->indicators_row)));
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *title = NULL;
  guint n = 0;

  for (guint i = 0; self->indicators != NULL && i < self->indicators->len; i++)
    {
      const OporaIndicator *ind = self->indicators->pdata[i];

      for (guint k = 0; keys[k] != NULL; k++)
        if (g_pattern_match_simple (keys[k], ind->key))
          {
            g_string_append_printf (names, "%s%s", n++ > 0 ? "; " : "", opora_indicator_get_name (ind));
            break;
          }
    }
  /* Translators: how many catalogue indicators the keys of a rule stand for. */
  title = g_strdup_printf (ngettext ("The keys stand for %u indicator of this workspace",
                                     "The keys stand for %u indicators of this workspace", n), n);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->matches_row), title);
  adw_action_row_set_subtitle (self->matches_row, names->str);
}

static void
show_kind (OporaRuleEditor *self)
{
  OporaRuleKind kind = adw_combo_row_get_selected (self->kind_row);

  gtk_widget_set_visible (GTK_WIDGET (self->threshold_group), kind == OPORA_RULE_THRESHOLD);
  gtk_widget_set_visible (GTK_WIDGET (self->monitoring_group), kind == OPORA_RULE_MONITORING);
  gtk_widget_set_visible (GTK_WIDGET (self->small_group), kind == OPORA_RULE_THRESHOLD || kind == OPORA_RULE_MONITORING);
  gtk_widget_set_visible (GTK_WIDGET (self->cluster_group), kind == OPORA_RULE_CLUSTER);
  gtk_widget_set_visible (GTK_WIDGET (self->residual_group), kind == OPORA_RULE_RESIDUAL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->both_row), gtk_spin_button_get_value_as_int (self->years_spin) > 0);
}

static char *
dup_title (OporaRuleEditor *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
}

/* Why the form cannot be saved, or NULL: opora_rule_check()'s message first. */
static char *
dup_problem (OporaRuleEditor *self,
             const char      *definition)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = dup_title (self);

  if (!opora_rule_check (definition, &error))
    return g_strdup (error->message);
  if (*title == '\0')
    return g_strdup (_("A rule needs a title: type one above."));
  return g_strdup (self->save_error);
}

static gboolean
is_dirty (OporaRuleEditor *self,
          const char      *definition)
{
  g_autofree char *title = dup_title (self);

  return self->draft->id == 0 || g_strcmp0 (definition, self->loaded) != 0 ||
         g_strcmp0 (title, self->draft->title) != 0;
}

static char *
state_text (OporaRuleEditor *self,
            gboolean         dirty)
{
  if (!is_writable (self))
    return g_strdup (_("The workspace is read-only: the rules cannot be changed."));
  if (self->draft->id == 0)
    return g_strdup (_("A new rule: saving adds it, switched on."));
  if (dirty)
    /* Translators: a rule edited in the form; saving raises its version. */
    return g_strdup_printf (_("Changed: saving makes it version %d."), self->draft->version + 1);
  /* Translators: a rule whose form shows what is stored. */
  return g_strdup_printf (_("Version %d, as stored."), self->draft->version);
}

/* Shows the definition, whether it is valid and what may be done with it. */
static void
update_form (OporaRuleEditor *self)
{
  g_autofree char *definition = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *state = NULL;
  gboolean dirty;

  if (self->draft == NULL)
    return;
  definition = build_definition (self);
  problem = dup_problem (self, definition);
  dirty = is_dirty (self, definition);
  state = state_text (self, dirty);
  show_kind (self);
  show_matches (self);
  gtk_label_set_text (self->json_label, definition);
  gtk_label_set_text (self->check_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (self->check_box, problem != NULL);
  gtk_label_set_text (self->state_label, state);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rules.save", is_writable (self) && dirty && problem == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rules.revert", is_writable (self) && dirty);
}

static void
form_changed_cb (OporaRuleEditor *self)
{
  if (self->updating)
    return;
  g_clear_pointer (&self->save_error, g_free);
  update_form (self);
}

static char *
info_text (const OporaRule *rule)
{
  if (rule->id == 0)
    /* Translators: the name of a rule not saved yet. */
    return g_strdup_printf (_("%s · not saved yet"), rule->name);
  return rule->builtin
    /* Translators: a rule's stable name, its version, and that Opora ships it. */
    ? g_strdup_printf (_("%s · version %d · built-in"), rule->name, rule->version)
    /* Translators: a rule's stable name, its version, and that the user added it. */
    : g_strdup_printf (_("%s · version %d · your own"), rule->name, rule->version);
}

/* Shows @rule in the form (a copy: the list may be read again). */
static void
show_rule (OporaRuleEditor *self,
           const OporaRule *rule)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *info = info_text (rule);
  JsonNode *root;

  g_clear_pointer (&self->draft, opora_rule_free);
  g_clear_pointer (&self->loaded, g_free);
  g_clear_pointer (&self->save_error, g_free);
  self->draft = rule_copy (rule);
  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), rule->title);
  adw_action_row_set_subtitle (self->info_row, info);
  if (json_parser_load_from_data (parser, rule->definition, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (root = json_parser_get_root (parser)))
    fill_form (self, json_node_get_object (root));
  self->updating = FALSE;
  self->loaded = build_definition (self);
  gtk_stack_set_visible_child_name (self->editor_stack, "editor");
  update_form (self);
}

static void
set_form_writable (OporaRuleEditor *self)
{
  GtkWidget *groups[] = { GTK_WIDGET (self->title_row), GTK_WIDGET (self->kind_row),
                          GTK_WIDGET (self->threshold_group), GTK_WIDGET (self->monitoring_group),
                          GTK_WIDGET (self->small_group), GTK_WIDGET (self->cluster_group),
                          GTK_WIDGET (self->residual_group) };

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    gtk_widget_set_sensitive (groups[i], is_writable (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rules.new", is_writable (self));
}

/* ---- The list ---- */

static char *
rule_subtitle (const OporaRule *rule)
{
  const char *origin = rule->builtin ? _("built-in") : _("your own");

  if (!rule->enabled)
    /* Translators: under a rule switched off: "version 2 · built-in · off". */
    return g_strdup_printf (_("version %d · %s · off"), rule->version, origin);
  /* Translators: under a rule: "version 2 · built-in". */
  return g_strdup_printf (_("version %d · %s"), rule->version, origin);
}

static void
enabled_cb (GtkSwitch       *sw,
            GParamSpec      *pspec,
            OporaRuleEditor *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (sw), GTK_TYPE_LIST_BOX_ROW);
  OporaRule *rule = g_object_get_data (G_OBJECT (row), "opora-rule");
  gboolean on = gtk_switch_get_active (sw);
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;

  if (self->updating || rule == NULL || on == rule->enabled)
    return;
  if (!is_writable (self) || !opora_rule_save (self->db, rule->name, NULL, NULL, on, &error))
    {
      self->updating = TRUE;
      gtk_switch_set_active (sw, rule->enabled);
      self->updating = FALSE;
      if (error != NULL)
        opora_toast_show (GTK_WIDGET (self), error->message);
      return;
    }
  rule->enabled = on;
  subtitle = rule_subtitle (rule);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, rule->name);
}

static GtkWidget *
rule_row_new (OporaRuleEditor *self,
              OporaRule       *rule)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *sw = gtk_switch_new ();
  g_autofree char *subtitle = rule_subtitle (rule);
  /* Translators: the accessible label of a rule's on/off switch. */
  g_autofree char *label = g_strdup_printf (_("Use the rule “%s”"), rule->title);

  gtk_widget_set_name (row, rule->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rule->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (sw), rule->enabled);
  gtk_widget_set_sensitive (sw, is_writable (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_signal_connect (sw, "notify::active", G_CALLBACK (enabled_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  g_object_set_data (G_OBJECT (row), "opora-rule", rule);
  return row;
}

static GtkListBoxRow *
find_row (OporaRuleEditor *self,
          const char      *name)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->rule_list, i)) != NULL; i++)
    if (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (row)), name) == 0)
      return row;
  return NULL;
}

/* Reads the rules again and lists them; the form is left alone. */
static gboolean
load_rules (OporaRuleEditor  *self,
            GError          **error)
{
  g_autoptr(GPtrArray) rules = self->db != NULL ? opora_rule_list (self->db, error) : NULL;
  GtkListBoxRow *old;

  if (self->db != NULL && rules == NULL)
    return FALSE;
  self->updating = TRUE;
  while ((old = gtk_list_box_get_row_at_index (self->rule_list, 0)) != NULL)
    gtk_list_box_remove (self->rule_list, GTK_WIDGET (old));
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  self->rules = g_steal_pointer (&rules);
  for (guint i = 0; self->rules != NULL && i < self->rules->len; i++)
    gtk_list_box_append (self->rule_list, rule_row_new (self, self->rules->pdata[i]));
  self->updating = FALSE;
  return TRUE;
}

static void
rule_selected_cb (GtkListBox      *list,
                  GtkListBoxRow   *row,
                  OporaRuleEditor *self)
{
  OporaRule *rule = row != NULL ? g_object_get_data (G_OBJECT (row), "opora-rule") : NULL;

  if (self->updating || rule == NULL)
    return;
  show_rule (self, rule);
}

/**
 * opora_rule_editor_select:
 * @self: the editor
 * @name: a rule's name
 *
 * Selects the rule and shows it in the form; unsaved edits are dropped.
 *
 * Returns: %FALSE when there is no such rule
 */
gboolean
opora_rule_editor_select (OporaRuleEditor *self,
                          const char      *name)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (OPORA_IS_RULE_EDITOR (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if ((row = find_row (self, name)) == NULL)
    return FALSE;
  self->updating = TRUE;
  gtk_list_box_select_row (self->rule_list, row);
  self->updating = FALSE;
  show_rule (self, g_object_get_data (G_OBJECT (row), "opora-rule"));
  return TRUE;
}

/* ---- Actions ---- */

static void
save_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  OporaRuleEditor *self = OPORA_RULE_EDITOR (widget);
  g_autofree char *definition = NULL;
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  const OporaRule *saved;

  if (self->draft == NULL || !is_writable (self))
    return;
  definition = build_definition (self);
  if ((problem = dup_problem (self, definition)) != NULL)
    {
      update_form (self);
      return;
    }
  title = dup_title (self);
  name = g_strdup (self->draft->name);
  if (!opora_rule_save (self->db, name, title, definition, self->draft->id == 0 ? 1 : -1, &error) ||
      !load_rules (self, &error))
    {
      self->save_error = g_strdup (error->message);
      update_form (self);
      return;
    }
  opora_rule_editor_select (self, name);
  saved = find_rule (self, name);
  /* Translators: a toast after a rule was saved. */
  text = g_strdup_printf (_("Saved “%s”, version %d"), title, saved != NULL ? saved->version : 1);
  opora_toast_show (GTK_WIDGET (self), text);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, name);
}

static void
revert_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  OporaRuleEditor *self = OPORA_RULE_EDITOR (widget);
  g_autoptr(OporaRule) draft = self->draft != NULL ? rule_copy (self->draft) : NULL;
  const OporaRule *stored = draft != NULL ? find_rule (self, draft->name) : NULL;

  if (draft == NULL)
    return;
  if (stored != NULL)
    show_rule (self, stored);
  else
    {
      g_free (draft->definition);
      draft->definition = g_strdup (NEW_DEFINITION);
      show_rule (self, draft);
    }
}

/* "rule-3": the first such name no rule has. */
static char *
new_rule_name (OporaRuleEditor *self)
{
  for (guint n = 1;; n++)
    {
      g_autofree char *name = g_strdup_printf ("rule-%u", n);

      if (find_rule (self, name) == NULL)
        return g_steal_pointer (&name);
    }
}

static void
new_cb (GtkWidget  *widget,
        const char *action_name,
        GVariant   *parameter)
{
  OporaRuleEditor *self = OPORA_RULE_EDITOR (widget);
  g_autoptr(OporaRule) rule = g_new0 (OporaRule, 1);

  if (!is_writable (self))
    return;
  rule->name = new_rule_name (self);
  rule->title = g_strdup (_("New rule"));
  rule->definition = g_strdup (NEW_DEFINITION);
  rule->enabled = TRUE;
  self->updating = TRUE;
  gtk_list_box_unselect_all (self->rule_list);
  self->updating = FALSE;
  show_rule (self, rule);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

/* ---- Choosing indicators from the catalogue ---- */

static gboolean
is_pattern (const char *key)
{
  return strpbrk (key, "*?") != NULL;
}

static void
feature_free (OporaAnalysisFeature *feature)
{
  g_free (feature->key);
  g_free (feature);
}

/* The chosen keys replace the plain keys; the patterns stay. */
static void
indicators_applied_cb (OporaFeaturesDialog *dialog,
                       const char          *chosen,
                       OporaRuleEditor     *self)
{
  g_auto(GStrv) keys = split_keys (gtk_editable_get_text (GTK_EDITABLE (self->indicators_row)));
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; keys[i] != NULL; i++)
    if (is_pattern (keys[i]))
      g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "", keys[i]);
  if (*chosen != '\0')
    {
      g_auto(GStrv) parts = g_strsplit (chosen, ",", -1);
      g_autofree char *joined = g_strjoinv (", ", parts);

      g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "", joined);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->indicators_row), text->str);
}

static void
choose_indicators_cb (GtkButton       *button,
                      OporaRuleEditor *self)
{
  g_auto(GStrv) keys = split_keys (gtk_editable_get_text (GTK_EDITABLE (self->indicators_row)));
  g_autoptr(GPtrArray) features = g_ptr_array_new_with_free_func ((GDestroyNotify) feature_free);
  OporaFeaturesDialog *dialog;

  if (self->indicators == NULL)
    return;
  for (guint i = 0; keys[i] != NULL; i++)
    if (!is_pattern (keys[i]))
      {
        OporaAnalysisFeature *f = g_new0 (OporaAnalysisFeature, 1);

        f->key = g_strdup (keys[i]);
        f->weight = 1;
        g_ptr_array_add (features, f);
      }
  dialog = opora_features_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), _("Indicators of the Rule"),
                                      _("The rule looks at the figures of these indicators. Keys with * stay as they are."),
                                      self->indicators, features, FALSE);
  g_signal_connect_object (dialog, "applied", G_CALLBACK (indicators_applied_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- The workspace ---- */

/**
 * opora_rule_editor_set_db:
 * @self: the editor
 * @db: (nullable): the workspace whose rules to show; the caller keeps it
 *   alive while it is shown
 *
 * Lists the rules of @db and shows the first in the form. Editing is
 * possible only when @db may be written.
 *
 * Returns: %FALSE with @error set when the rules cannot be read
 */
gboolean
opora_rule_editor_set_db (OporaRuleEditor  *self,
                          OporaDb          *db,
                          GError          **error)
{
  GtkListBoxRow *first;

  g_return_val_if_fail (OPORA_IS_RULE_EDITOR (self), FALSE);

  self->db = db;
  g_clear_pointer (&self->draft, opora_rule_free);
  g_clear_pointer (&self->indicators, g_ptr_array_unref);
  gtk_stack_set_visible_child_name (self->editor_stack, "none");
  set_form_writable (self);
  if (db != NULL && !(self->indicators = opora_indicator_list (db, error)))
    {
      load_rules (self, NULL);
      return FALSE;
    }
  if (!load_rules (self, error))
    return FALSE;
  if ((first = gtk_list_box_get_row_at_index (self->rule_list, 0)) != NULL)
    opora_rule_editor_select (self, gtk_widget_get_name (GTK_WIDGET (first)));
  return TRUE;
}

static void
opora_rule_editor_dispose (GObject *object)
{
  OporaRuleEditor *self = (OporaRuleEditor *) object;

  self->db = NULL;

  G_OBJECT_CLASS (opora_rule_editor_parent_class)->dispose (object);
}

static void
opora_rule_editor_finalize (GObject *object)
{
  OporaRuleEditor *self = (OporaRuleEditor *) object;

  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_clear_pointer (&self->indicators, g_ptr_array_unref);
  g_clear_pointer (&self->draft, opora_rule_free);
  g_clear_pointer (&self->loaded, g_free);
  g_clear_pointer (&self->save_error, g_free);

  G_OBJECT_CLASS (opora_rule_editor_parent_class)->finalize (object);
}

static void
opora_rule_editor_class_init (OporaRuleEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = opora_rule_editor_dispose;
  object_class->finalize = opora_rule_editor_finalize;

  /**
   * OporaRuleEditor::saved:
   * @name: the rule stored
   *
   * A rule was added, edited or switched on or off; its flags may differ.
   */
  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/opora-rule-editor.ui");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_bind_template_child (widget_class, OporaRuleEditor, rule_list);
  gtk_widget_class_bind_template_child (widget_class, OporaRuleEditor, editor_stack);
  gtk_widget_class_bind_template_child (widget_class, OporaRuleEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, OporaRuleEditor, info_row);
  gtk_widget_class_bind_template_child (widget_class, OporaRuleEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, OporaRuleEditor, threshold_group);
  gtk_widget_class_bind_template_child (widget_class, OporaRuleEditor, monitoring_group);
  gtk_widget_class_bind_template_child (widget_class, OporaRuleEditor, small_group);
  gtk_widget_class_bind_template_child (widget_class, OporaRuleEditor, cluster_group);
  gtk_widget_class_bind_template_child (widget_class, OporaRuleEditor, residual_group);
  gtk_widget_class_bind_template_child (widget_class, OporaRuleEditor, indicators_row);
  gtk_widget_class_bind_template_child (widget_class, OporaRuleEditor, matches_row);
  gtk_widget_class_bind_template_child (widget_class, OporaRuleEditor, op_row);
  gtk_widget_class_bind_template_child (widget_class, OporaRuleEditor, value_spin);
  gtk_widget_class_bind_template_child (widget_class, OporaRuleEditor, procedures_spin);
  gtk_widget_class_bind_template_child (widget_class, OporaRuleEditor, years_spin);
  gtk_widget_class_bind_template_child (widget_class, OporaRuleEditor, both_row);
  gtk_widget_class_bind_template_child (widget_class, OporaRuleEditor, both_switch);
  gtk_widget_class_bind_template_child (widget_class, OporaRuleEditor, indicator1_switch);
  gtk_widget_class_bind_template_child (widget_class, OporaRuleEditor, indicator2_switch);
  gtk_widget_class_bind_template_child (widget_class, OporaRuleEditor, participants_spin);
  gtk_widget_class_bind_template_child (widget_class, OporaRuleEditor, small_switch);
  gtk_widget_class_bind_template_child (widget_class, OporaRuleEditor, model_row);
  gtk_widget_class_bind_template_child (widget_class, OporaRuleEditor, share_spin);
  gtk_widget_class_bind_template_child (widget_class, OporaRuleEditor, z_spin);
  gtk_widget_class_bind_template_child (widget_class, OporaRuleEditor, check_box);
  gtk_widget_class_bind_template_child (widget_class, OporaRuleEditor, check_label);
  gtk_widget_class_bind_template_child (widget_class, OporaRuleEditor, state_label);
  gtk_widget_class_bind_template_child (widget_class, OporaRuleEditor, json_label);
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, rule_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_indicators_cb);

  gtk_widget_class_install_action (widget_class, "rules.new", NULL, new_cb);
  gtk_widget_class_install_action (widget_class, "rules.save", NULL, save_cb);
  gtk_widget_class_install_action (widget_class, "rules.revert", NULL, revert_cb);
}

static void
opora_rule_editor_init (OporaRuleEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rules.save", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rules.revert", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rules.new", FALSE);
}
