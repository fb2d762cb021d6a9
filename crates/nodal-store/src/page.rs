//! Pagination types shared by the list functions of every repository.

use crate::error::StoreError;

/// Largest page a list function returns.
pub const MAX_PAGE_LIMIT: u32 = 1000;

/// Which slice of a list to return: at most `limit` items after skipping `offset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// Items per page, 1 to [`MAX_PAGE_LIMIT`].
    pub limit: u32,
    /// Items to skip.
    pub offset: u64,
}

impl Default for Page {
    /// The first 50 items.
    fn default() -> Self {
        Page {
            limit: 50,
            offset: 0,
        }
    }
}

impl Page {
    /// A page of `limit` items after skipping `offset`.
    pub fn new(limit: u32, offset: u64) -> Self {
        Page { limit, offset }
    }

    /// `(limit, offset)` as SQL integers, after the range check.
    pub(crate) fn to_sql(self) -> Result<(i64, i64), StoreError> {
        if !(1..=MAX_PAGE_LIMIT).contains(&self.limit) {
            return Err(StoreError::Invalid(format!(
                "limit must be between 1 and {MAX_PAGE_LIMIT}, got {}",
                self.limit
            )));
        }
        let offset = i64::try_from(self.offset)
            .map_err(|_| StoreError::Invalid(format!("offset {} is too large", self.offset)))?;
        Ok((i64::from(self.limit), offset))
    }
}

/// One page of a list and the size of the whole list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paginated<T> {
    /// The items of this page, in the list's order.
    pub items: Vec<T>,
    /// Number of items in the whole list.
    pub total: u64,
    /// The requested page size.
    pub limit: u32,
    /// The requested offset.
    pub offset: u64,
}
