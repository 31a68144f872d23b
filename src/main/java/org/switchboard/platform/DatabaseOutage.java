package org.switchboard.platform;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a failure of the database connection (the server restarting, a failover to the standby,
 * the network) from a failure of the work itself: work that failed for the first reason rolled
 * back and may simply be done again once the database is back; the second would fail again.
 */
public final class DatabaseOutage {

    private DatabaseOutage() {
    }

    /**
     * True when the failure, or one of its causes, says the connection was lost or could not be
     * made: SQL states of class 08 (connection exception) and 57P (operator intervention: the server
     * shutting down or not yet accepting connections), and Spring's and JDBC's types for them.
     */
    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // A rollback that failed after the work failed hides the work's failure behind its own.
            if (t instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
                    && isCause(rollback.getApplicationException())) {
                return true;
            }
            if (t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessResourceException || t instanceof RecoverableDataAccessException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }
}
