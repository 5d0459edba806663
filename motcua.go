// Package motcua holds the domain of a citizen-services assistant for
// Vietnam's one-stop public administration centres: procedures, messages,
// conversations, dossiers and complaints, and the small interfaces between
// the parts that implement them. It imports nothing from the project.
package motcua
