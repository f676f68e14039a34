/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An indicator as a list row: a catalogue entry, or a school's values by year, or a group heading. */
#pragma once

#include <glib-object.h>

#include "opora-indicator.h"

G_BEGIN_DECLS

#define OPORA_TYPE_INDICATOR_ITEM (opora_indicator_item_get_type ())

G_DECLARE_FINAL_TYPE (OporaIndicatorItem, opora_indicator_item, OPORA, INDICATOR_ITEM, GObject)

OporaIndicatorItem   *opora_indicator_item_new             (const OporaIndicator *indicator);
OporaIndicatorItem   *opora_indicator_item_new_heading     (OporaGroup            group);
const OporaIndicator *opora_indicator_item_get_indicator   (OporaIndicatorItem   *self);
gboolean              opora_indicator_item_get_heading     (OporaIndicatorItem   *self);
const char           *opora_indicator_item_get_name        (OporaIndicatorItem   *self);
int                   opora_indicator_item_get_group       (OporaIndicatorItem   *self);
const char           *opora_indicator_item_get_group_label (OporaIndicatorItem   *self);
const char           *opora_indicator_item_get_value_text  (OporaIndicatorItem   *self,
                                                            guint                 index);
void                  opora_indicator_item_add_value       (OporaIndicatorItem   *self,
                                                            double                value);

G_END_DECLS
