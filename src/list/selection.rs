//! Row selection for bulk actions: click toggles one row, shift-click selects the range from the
//! last clicked row, the header box selects or clears the visible page.

use std::collections::BTreeSet;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    keys: BTreeSet<String>,
    /// The last row clicked without shift: the other end of a shift-click range.
    anchor: Option<String>,
}

/// What the page's "select all" box shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageState {
    None,
    Some,
    All,
}

impl Selection {
    pub fn contains(&self, key: &str) -> bool {
        self.keys.contains(key)
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Selected keys in a stable (sorted) order.
    pub fn keys(&self) -> Vec<String> {
        self.keys.iter().cloned().collect()
    }

    pub fn clear(&mut self) {
        self.keys.clear();
        self.anchor = None;
    }

    pub fn remove(&mut self, key: &str) {
        self.keys.remove(key);
    }

    /// A click on a row's box. `visible` is the page's keys in display order. With shift and an
    /// anchor on the page, every row between the two takes the clicked row's new state.
    pub fn click(&mut self, key: &str, shift: bool, visible: &[String]) {
        let now_selected = !self.keys.contains(key);
        let range = shift
            .then(|| {
                let anchor = self.anchor.as_ref()?;
                let a = visible.iter().position(|k| k == anchor)?;
                let b = visible.iter().position(|k| k == key)?;
                Some(&visible[a.min(b)..=a.max(b)])
            })
            .flatten();
        match range {
            Some(keys) => {
                for k in keys {
                    self.set(k, now_selected);
                }
            }
            None => {
                self.set(key, now_selected);
                self.anchor = Some(key.to_string());
            }
        }
    }

    /// The header box: selects the whole page unless all of it is selected, then clears it.
    pub fn toggle_page(&mut self, visible: &[String]) {
        let select = self.page_state(visible) != PageState::All;
        for k in visible {
            self.set(k, select);
        }
    }

    pub fn page_state(&self, visible: &[String]) -> PageState {
        let n = visible.iter().filter(|k| self.keys.contains(*k)).count();
        match n {
            0 => PageState::None,
            n if n == visible.len() => PageState::All,
            _ => PageState::Some,
        }
    }

    fn set(&mut self, key: &str, selected: bool) {
        if selected {
            self.keys.insert(key.to_string());
        } else {
            self.keys.remove(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> Vec<String> {
        ["a", "b", "c", "d", "e"].map(String::from).to_vec()
    }

    #[test]
    fn click_toggles() {
        let mut s = Selection::default();
        s.click("b", false, &page());
        assert!(s.contains("b"));
        s.click("b", false, &page());
        assert!(s.is_empty());
    }

    #[test]
    fn shift_click_selects_range_both_directions() {
        let mut s = Selection::default();
        s.click("d", false, &page());
        s.click("b", true, &page());
        assert_eq!(s.keys(), vec!["b", "c", "d"]);
        let mut s = Selection::default();
        s.click("a", false, &page());
        s.click("c", true, &page());
        assert_eq!(s.keys(), vec!["a", "b", "c"]);
        // Shift-click on a selected row clears the range.
        s.click("b", true, &page());
        assert_eq!(s.keys(), vec!["c"]);
    }

    #[test]
    fn shift_without_anchor_is_a_click() {
        let mut s = Selection::default();
        s.click("c", true, &page());
        assert_eq!(s.keys(), vec!["c"]);
    }

    #[test]
    fn page_box() {
        let mut s = Selection::default();
        assert_eq!(s.page_state(&page()), PageState::None);
        s.click("a", false, &page());
        assert_eq!(s.page_state(&page()), PageState::Some);
        s.toggle_page(&page());
        assert_eq!(s.page_state(&page()), PageState::All);
        assert_eq!(s.len(), 5);
        s.toggle_page(&page());
        assert!(s.is_empty());
        assert_eq!(s.page_state(&[]), PageState::None);
    }
}
