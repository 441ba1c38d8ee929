/** Per-user outcomes accumulated into immutable audit reports: welfare, inequality, groups, homogenization. */
package dev.askwise.audit;
