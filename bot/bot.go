// Package bot holds what the channels share: the dispatcher that delivers
// the outbox (dossier notifications, staff answers) through each channel's
// Sender, with retries, back-off and a clear line between errors worth
// retrying and errors that never heal.
package bot
