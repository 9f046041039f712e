package ru.noko.portal.security;

import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import ru.noko.portal.account.Account;
import ru.noko.portal.account.Role;

/** A signed-in account as Spring Security holds it: the login, the role, and what the role is scoped to. */
public final class PortalUser implements UserDetails {

    private final Account account;

    public PortalUser(Account account) {
        this.account = account;
    }

    public Account account() {
        return account;
    }

    public long id() {
        return account.id();
    }

    public Role role() {
        return account.role();
    }

    /** The organization of an organization's account. */
    public String organizationId() {
        return account.organizationId();
    }

    /** The municipality of a municipal analyst's account. */
    public String municipality() {
        return account.municipality();
    }

    public boolean mustChangePassword() {
        return account.mustChangePassword();
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(account.role().authority()));
    }

    @Override
    public String getPassword() {
        return account.passwordHash();
    }

    @Override
    public String getUsername() {
        return account.login();
    }

    @Override
    public boolean isEnabled() {
        return !account.blocked();
    }
}
