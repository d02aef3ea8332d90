//! What the sign-in journey tells the owner: a sign-in from a device the account has not
//! seen before.

mod new_device;

pub use new_device::NewDeviceSignIn;
