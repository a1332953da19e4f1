//! End-to-end tests over the whole chain live in tests/.
