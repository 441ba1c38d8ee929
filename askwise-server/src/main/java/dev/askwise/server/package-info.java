/** The Askwise HTTP service: elicitation sessions, remembered profiles, API keys, persistence. */
package dev.askwise.server;
