/** The elicitation engine an assistant calls on every request: sessions that ask or proceed. */
package dev.askwise.engine;
