package ru.noko.portal.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import ru.noko.portal.registry.SearchCondition;

/** The accounts table. */
@Repository
public class Accounts {

    private static final String COLUMNS = "id, login, password_hash, role, organization_id, municipality, full_name, "
            + "must_change_password, blocked, created_at";

    private final JdbcClient db;

    Accounts(JdbcClient db) {
        this.db = db;
    }

    public Optional<Account> byLogin(String login) {
        return db.sql("SELECT " + COLUMNS + " FROM accounts WHERE login = ?")
                .param(login)
                .query(Accounts::account)
                .optional();
    }

    public Optional<Account> byId(long id) {
        return db.sql("SELECT " + COLUMNS + " FROM accounts WHERE id = ?")
                .param(id)
                .query(Accounts::account)
                .optional();
    }

    /**
     * One page of the accounts a search finds (anywhere in the login, the organization, the municipality or the name,
     * any case), by role and login: the page from the index on role and login; a search reads the table.
     */
    public List<Account> page(String search, int offset, int limit) {
        SearchCondition matching = SearchCondition.of(search, SEARCHED, " WHERE ");
        return db.sql("SELECT " + COLUMNS + " FROM accounts" + matching.sql()
                        + " ORDER BY role, login LIMIT ? OFFSET ?")
                .params(matching.withPage(offset, limit))
                .query(Accounts::account)
                .list();
    }

    /** How many accounts the search finds. */
    public long count(String search) {
        SearchCondition matching = SearchCondition.of(search, SEARCHED, " WHERE ");
        return db.sql("SELECT count(*) FROM accounts" + matching.sql())
                .params(matching.parameters())
                .query(Long.class)
                .single();
    }

    /** What a search looks in; a search reads the table (no trigram index: V004 says why). */
    private static final String SEARCHED = "lower(login || ' ' || coalesce(organization_id, '') || ' ' "
            + "|| coalesce(municipality, '') || ' ' || full_name)";

    public boolean anyOperator() {
        return db.sql("SELECT count(*) FROM accounts WHERE role = 'REGION'")
                        .query(Long.class)
                        .single()
                > 0;
    }

    public boolean exists(String login) {
        return db.sql("SELECT count(*) FROM accounts WHERE login = ?")
                        .param(login)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Adds an account; its id. */
    public long add(
            String login,
            String passwordHash,
            Role role,
            String organizationId,
            String municipality,
            String fullName,
            boolean mustChangePassword) {
        return db.sql("INSERT INTO accounts (login, password_hash, role, organization_id, municipality, full_name, "
                        + "must_change_password) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")
                .params(login, passwordHash, role.name(), organizationId, municipality, fullName, mustChangePassword)
                .query(Long.class)
                .single();
    }

    public void setPassword(long id, String passwordHash, boolean mustChange) {
        db.sql("UPDATE accounts SET password_hash = ?, must_change_password = ? WHERE id = ?")
                .params(passwordHash, mustChange, id)
                .update();
    }

    public void setBlocked(long id, boolean blocked) {
        db.sql("UPDATE accounts SET blocked = ? WHERE id = ?")
                .params(blocked, id)
                .update();
    }

    private static Account account(ResultSet row, int number) throws SQLException {
        return new Account(
                row.getLong("id"),
                row.getString("login"),
                row.getString("password_hash"),
                Role.valueOf(row.getString("role")),
                row.getString("organization_id"),
                row.getString("municipality"),
                row.getString("full_name"),
                row.getBoolean("must_change_password"),
                row.getBoolean("blocked"),
                row.getTimestamp("created_at").toInstant());
    }
}
