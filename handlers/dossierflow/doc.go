// Package dossierflow is the citizen's side of dossier tracking in chat:
// looking up a dossier by the code on the receipt slip, proven by the last
// four digits of the phone number on it, and subscribing to notices of its
// status changes. It is a handlers.Flow named "dossier".
//
// The conversation:
//
//   - It starts on "tra cứu hồ sơ" and similar phrases, on the menu button
//     (action "f:dossier"), or on a message holding something that can only
//     be a dossier code (letters and at least four digits: "H12-240115-0001";
//     procedure codes like 1.001193, dates, amounts, phone and identity
//     numbers are not taken for codes).
//   - It asks for the code, then for the last four digits of the phone
//     number on the slip. A wrong code and wrong digits get the same answer,
//     so the bot never tells whether a code exists. Failures are counted in
//     motcua.Attempts per conversation ("dossier:chat:<conversation key>",
//     default 5 per 15 minutes) and per code across conversations (the key
//     holds a hash of the code; default 10 per hour); past a limit the
//     citizen is asked to try later or call the hotline.
//   - Once proven, the code joins Conversation.Proven: looking it up again in
//     this conversation skips the digits.
//   - The answer gives the status, procedure, received and due dates, an
//     apology when overdue, the note (what to bring, why rejected), and
//     where to collect a result — never the applicant's name or phone.
//     Buttons: subscribe ("f:dossier:sub:<CODE>"), another lookup, a
//     complaint about the dossier ("f:complaint:dossier:<CODE>"), menu.
//   - Subscribing needs a proven code; unsubscribing ("f:dossier:unsub:<CODE>",
//     the button of every notice, or "hủy theo dõi") does not, as it only
//     removes the chat's own subscription.
//   - "hủy", "thôi" and the menu end the flow; a procedure question in the
//     middle is handed back to the engine (handlers.ErrPass).
//
// The typed digits are checked and forgotten: not kept in the flow's state,
// replaced in the conversation's stored turns, never logged; nor are codes.
// Stats gives counters (failures, throttled lookups) for metrics.
package dossierflow
