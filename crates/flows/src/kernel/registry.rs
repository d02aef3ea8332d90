//! The registry of methods: the one list the journeys read when they ask which methods
//! take part.
