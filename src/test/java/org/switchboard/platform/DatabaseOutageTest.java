package org.switchboard.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

class DatabaseOutageTest {

    @Test
    void aLostOrRefusedConnectionIsAnOutage() {
        // What the PostgreSQL driver reports when the server went away mid-statement, or is shutting down.
        assertThat(DatabaseOutage.isCause(new SQLException("An I/O error occurred while sending to the backend.",
                "08006"))).isTrue();
        assertThat(DatabaseOutage.isCause(new SQLException("terminating connection due to administrator command",
                "57P01"))).isTrue();
        // The pool finding no connection in time, as Spring wraps it when a transaction begins.
        assertThat(DatabaseOutage.isCause(new CannotCreateTransactionException("Could not open JDBC Connection",
                new SQLTransientConnectionException("switchboard - Connection is not available")))).isTrue();
        assertThat(DatabaseOutage.isCause(new RuntimeException("batch failed",
                new DataAccessResourceFailureException("commit", new SQLException("closed", "08003"))))).isTrue();
        // The statement failed as the server died, then the rollback on the dead connection failed too.
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollback.initApplicationException(new DataAccessResourceFailureException("insert",
                new SQLException("terminating connection due to unexpected postmaster exit", "57P01")));
        assertThat(DatabaseOutage.isCause(rollback)).isTrue();
    }

    @Test
    void aFailureOfTheWorkItselfIsNot() {
        assertThat(DatabaseOutage.isCause(new DataIntegrityViolationException("duplicate key",
                new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
        assertThat(DatabaseOutage.isCause(new QueryTimeoutException("canceling statement due to statement timeout",
                new SQLException("canceling statement", "57014")))).isFalse();
        assertThat(DatabaseOutage.isCause(new IllegalStateException("no customer"))).isFalse();
        assertThat(DatabaseOutage.isCause(new SQLException("no state"))).isFalse();
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollback.initApplicationException(new IllegalStateException("no customer"));
        assertThat(DatabaseOutage.isCause(rollback)).isFalse();
    }
}
